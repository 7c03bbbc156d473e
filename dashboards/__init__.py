"""The dashboard site: Dutch, static, offline pages built from the published warehouse."""
