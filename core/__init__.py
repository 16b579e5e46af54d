"""What every app shares and no app owns: form pieces, formatting, API errors, middleware."""
