"""Quality control (质检): inspection plans, 质检单 ZJD, supplier evaluation and 资质.

See docs/QUALITY.md. No Qt here; the 质检 tab calls these modules.
"""
