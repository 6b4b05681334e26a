# Teks antarmuka tema default untuk bahasa Indonesia (id-ID).
# Situs dapat menimpa setiap pesan di locales/<locale>/*.ftl.
# Setiap pesan menerima $market (id pasar) dan $framing (id framing).
# Term -brand didefinisikan oleh situs, jadi tidak didefinisikan di sini.

site-name = Pusat privasi { -brand }
skip-link = Langsung ke konten
switcher-label = Wilayah
# Tombol yang membuka daftar wilayah; $name adalah pasar saat ini.
switcher-summary = Wilayah: { $name }
breadcrumb-label = Jejak navigasi
nav-home = Semua penjelasan
nav-markets = Pilih wilayah Anda
footer-note = Penjelasan sederhana tentang cara data Anda disimpan, digunakan, dan dilindungi.

home-title = Cara { -brand } menangani data Anda
home-description = Penjelasan singkat dan sederhana tentang tempat data Anda disimpan, siapa yang dapat melihatnya, dan kontrol yang Anda miliki.
home-heading = Memahami data Anda
home-intro = { $framing ->
    [transparency] Tempat data Anda disimpan, siapa yang dapat melihatnya, dan cara Anda memeriksanya sendiri.
    [regulatory] Cara kami mematuhi undang-undang pelindungan data, dan hak-hak yang diberikannya kepada Anda.
    [accountability] Apa yang kami lakukan saat terjadi masalah, dan siapa yang bertanggung jawab atasnya.
    [reputation] Cara kami melindungi data Anda, dan cara hal itu diperiksa.
   *[control] Pengaturan yang Anda kendalikan, dan apa yang diubah oleh setiap pengaturan.
}
home-list-title = Daftar penjelasan

toc-label = Di halaman ini
# $date adalah tanggal ISO, misalnya 2026-11-20.
updated = Diperbarui { $date }
untranslated-notice = Halaman ini belum tersedia dalam bahasa Indonesia. Anda sedang membaca versi asli berbahasa Inggris.
draft-notice = Draf: halaman ini belum diterbitkan. “glasshouse build” tidak menyertakannya sampai baris “draft: true” dihapus.

chooser-title = Pusat privasi { -brand }: pilih wilayah Anda
chooser-description = Penjelasan tentang penyimpanan data, kontrol privasi, dan hak-hak Anda, untuk wilayah Anda dan dalam bahasa Anda.
chooser-heading = Pilih wilayah Anda
chooser-intro = Setiap wilayah memiliki penjelasan dalam bahasanya sendiri, tentang aturan dan kontrol yang berlaku di sana.
# Ditampilkan di halaman pemilihan wilayah dalam bahasa pasar itu sendiri.
chooser-enter = Baca penjelasannya
chooser-tagline = Penjelasan seputar privasi dan data untuk pembaca di Indonesia.

not-found-title = Halaman tidak ditemukan
not-found-heading = Kami tidak dapat menemukan halaman tersebut
not-found-body = Halaman ini mungkin telah dipindahkan. Pilih wilayah Anda untuk melihat semua penjelasan.
not-found-market-body = Halaman ini mungkin telah dipindahkan. Semua penjelasan untuk wilayah Anda ada di halaman beranda.

## Naskah kreator

scripts-title = Naskah kreator
scripts-description = Naskah singkat untuk kreator: apa yang perlu disampaikan di depan kamera tentang data dan kontrol privasi Anda, lengkap dengan durasinya.
scripts-heading = Naskah kreator
scripts-intro = Video pendek menjelaskan privasi di tempat orang-orang sudah berada. Setiap naskah sudah diatur durasinya untuk wilayah Anda dan siap dibacakan di depan kamera.
script-kicker = Naskah kreator
# $title adalah judul artikel penjelasan.
script-card-title = Naskah: { $title }
script-total = Total durasi
# $seconds adalah bilangan bulat detik.
script-duration = sekitar { $seconds } detik
# $role adalah hook, beat, atau cta.
script-role = { $role ->
    [hook] Pembuka
    [cta] Ajakan bertindak
   *[beat] Poin
}
script-screen = Di layar
script-note = Catatan
script-read-explainer = Baca penjelasan lengkapnya
script-downloads = Unduhan
script-download-txt = Teks untuk teleprompter (.txt)
script-download-vtt = Takarir (.vtt)
script-download-json = Data naskah (.json)
script-download-srt = Teks (.srt)
script-download-screen = Teks di layar (.vtt)
script-teleprompter = Teleprompter
script-teleprompter-pause = Jeda
script-teleprompter-play = Lanjutkan
script-teleprompter-close = Tutup
script-promo-title = Buat video tentang topik ini
script-promo-body = Naskah kreator untuk penjelasan ini memerlukan { script-duration } untuk dibacakan di depan kamera.
script-promo-link = Buka naskah kreator

## Navigasi dan footer

topics-label = Topik
related-heading = Penjelasan terkait
footer-legal-label = Informasi hukum
legal-link = { $kind ->
    [privacy] Kebijakan privasi
    [terms] Ketentuan layanan
    [cookies] Pengaturan cookie
    [contact] Hubungi kami
   *[imprint] Informasi perusahaan
}
script-market = Pasar
script-language = Bahasa
script-updated = Diperbarui
