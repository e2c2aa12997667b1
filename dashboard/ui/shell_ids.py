"""IDs of the frame around every page."""

NAVBAR = "shell-navbar"
USER_MENU = "shell-user-menu"
CLOCK = "shell-clock"
LOGOUT = "shell-logout"
