"""Build the macro-enabled RAB/KAK template from the layout, the rule pack and text sources."""
