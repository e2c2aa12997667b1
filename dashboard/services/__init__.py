"""Write services: each validates its input, applies the SOP rules, and changes the database
inside the caller's one transaction."""
