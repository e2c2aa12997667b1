"""The web glue: the app factory, staff login, the request context and the Flask routes."""
