### Pesan situs untuk bahasa Indonesia (id-ID).
### Pesan yang tidak didefinisikan di sini memakai locales/en-US/site.ftl.
###
### Catatan untuk penerjemah:
### - Id yang diawali "-" adalah term: nama dan frasa yang dipakai ulang di
###   tengah kalimat, di sini dan di artikel penjelasan.
### - Setiap pesan menerima dua variabel: $market (misalnya "id") dan
###   $framing (salah satu dari transparency, regulatory, accountability,
###   reputation, control). Terjemahkan teksnya saja: jangan ubah id, nama
###   variabel, atau kunci dalam [kurung siku].
### - Gunakan sapaan "Anda" secara konsisten dan ejaan baku (KBBI).
### - -brand sengaja tidak didefinisikan: nama merek tidak diterjemahkan.

## Term

# Undang-undang pelindungan data yang berlaku di Indonesia (UU No. 27 Tahun
# 2022). Dipakai di tengah kalimat, misalnya "Berdasarkan ..., Anda berhak ..."
# atau "sesuai dengan ...". Perhatikan ejaan "Pelindungan" (bukan
# "Perlindungan"), sesuai dengan nama resmi undang-undangnya.
-privacy-law = Undang-Undang Pelindungan Data Pribadi (UU PDP)

# Lembaga yang mengawasi pelindungan data pribadi. UU PDP mengamanatkan
# pembentukan lembaga ini; sebut secara umum, tanpa nama lembaga tertentu.
# Dipakai di tengah kalimat, misalnya "mengajukan pengaduan kepada ...",
# jadi ditulis dengan huruf kecil.
-regulator = lembaga pengawas pelindungan data pribadi

## Pesan

# Nama situs bantuan, dipakai di tengah kalimat: "Di Pusat Bantuan, kirim ...".
help-center = Pusat Bantuan

# Kalimat penutup beberapa artikel penjelasan, yang mengarahkan pembaca ke
# kontak yang tepat. Setiap varian memuat fakta yang sama: tim privasi (di
# aplikasi, melalui Pengaturan, lalu Privasi), pejabat pelindungan data pribadi
# (detail kontak dalam kebijakan privasi), dan { -regulator } jika pembaca tidak
# puas dengan jawaban kami. Framing pasar hanya mengubah apa yang disebut lebih
# dulu: "regulatory" dimulai dengan hak, "accountability" dengan siapa yang
# menjawab, "control" dengan letak pengaturannya.
# "Pengaturan" dan "Privasi" adalah nama layar di aplikasi berbahasa Indonesia.
help-contact = { $framing ->
    [regulatory] Ada pertanyaan tentang hak-hak Anda? Hubungi pejabat pelindungan data pribadi kami melalui detail kontak dalam kebijakan privasi kami, atau tim privasi kami melalui Pengaturan, lalu Privasi. Jika Anda tidak puas dengan jawaban kami, Anda dapat mengajukan pengaduan kepada { -regulator }.
    [accountability] Ada pertanyaan tentang data Anda? Tim privasi kami siap menjawabnya: hubungi mereka melalui Pengaturan, lalu Privasi, atau surati pejabat pelindungan data pribadi kami melalui detail kontak dalam kebijakan privasi kami. Jika Anda tidak puas dengan jawaban kami, Anda dapat mengajukan pengaduan kepada { -regulator }.
    [control] Anda dapat mengubah kembali pengaturan privasi Anda kapan saja. Jika ada pertanyaan, hubungi tim privasi kami melalui Pengaturan, lalu Privasi, atau surati pejabat pelindungan data pribadi kami melalui detail kontak dalam kebijakan privasi kami. Jika Anda tidak puas dengan jawaban kami, Anda dapat mengajukan pengaduan kepada { -regulator }.
   *[other] Ada pertanyaan tentang data Anda? Anda dapat menghubungi tim privasi kami kapan saja melalui Pengaturan, lalu Privasi, atau menyurati pejabat pelindungan data pribadi kami melalui detail kontak dalam kebijakan privasi kami. Jika Anda tidak puas dengan jawaban kami, Anda dapat mengajukan pengaduan kepada { -regulator }.
}
