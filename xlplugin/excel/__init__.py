"""What runs inside Excel: the ribbon's entry points (called from VBA through RunPython)."""
