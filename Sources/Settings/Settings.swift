// Settings target.
