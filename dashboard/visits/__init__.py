"""The visit, SOP steps 1-12: arrival, the service page, step timing, the board, corrections."""
