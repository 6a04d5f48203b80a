"""xlplugin: the juknis engine and Excel plugin for DAK Nonfisik Sentra IKM."""

__version__ = "0.2.0"
