// Rendering target.
