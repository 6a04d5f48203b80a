"""Reading and writing workbook files: calamine reads, XML patches write, safely."""
