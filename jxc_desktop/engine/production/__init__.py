"""Production: BOMs, work orders, MRP and product costing (DOMAIN.md, "Production").

Modules: `bom` (structures, explosion, where-used, low-level codes), `bom_import`
(`jxc import boms`), `workorders` (statuses, issues, receipts, WIP), `mrp` (material
requirements planning), `costing` (the month's cost run) and its helpers. None of them
imports Qt; the GUI and the command line are clients.
"""
