"""xlwings UDF modules of the RAB/KAK template (named on its `xlwings.conf` sheet)."""
