# Nama topik (`topics` pada penjelasan): beranda mengelompokkan setiap penjelasan menurut topik pertamanya.

topic-your-data = Data Anda
topic-security = Keamanan akun
topic-your-rights = Hak Anda
topic-access = Siapa yang bisa mengakses
topic-controls = Kontrol Anda
topic-account = Akun Anda
topic-reporting = Laporan
topic-consent = Persetujuan
topic-contact = Kontak
