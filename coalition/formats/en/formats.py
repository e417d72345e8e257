# English dates as the portal writes them; Spanish comes from django/conf/locale/es/formats.py.
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i A"
TIME_FORMAT = "g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
