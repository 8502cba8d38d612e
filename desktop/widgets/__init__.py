"""Small reusable widgets and delegates: chips, badges, date buttons, the info bar, icons."""
