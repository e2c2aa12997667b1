"""The library: catalog, agency directory, referral slip and unmet demand."""
