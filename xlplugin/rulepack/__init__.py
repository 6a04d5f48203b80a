"""Rule packs: one folder of TOML per fiscal year, loaded and schema-checked."""

from .model import Kategori, Rincian, Rule, RulePack, RulePackError, Variant
from .loader import available_years, load_pack

__all__ = ["Kategori", "Rincian", "Rule", "RulePack", "RulePackError", "Variant",
           "available_years", "load_pack"]
