"""The official working-day calendar (statutory holidays and adjusted working weekends, 调休).

Every time limit counted in working days (条例 §26, §30, §33; 选拔任用条例 公示期) is computed
through :mod:`cms.workdays.service`.
"""
