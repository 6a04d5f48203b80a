"""Rule packs: one folder of TOML per fiscal year, loaded and schema-checked."""

from .loader import available_years, load_pack
from .model import Kategori, Persetujuan, Rincian, Rule, RulePack, RulePackError, Variant

__all__ = ["Kategori", "Persetujuan", "Rincian", "Rule", "RulePack", "RulePackError", "Variant",
           "available_years", "load_pack"]
