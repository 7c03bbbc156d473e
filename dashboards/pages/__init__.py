"""One module per page of the dashboard site; each has `build(data) -> Page`."""
