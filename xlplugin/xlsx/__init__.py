"""Low-level OPC package (.xlsx/.xlsm) helpers shared by the builders."""
