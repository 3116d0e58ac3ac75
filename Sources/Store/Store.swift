// Store target.
