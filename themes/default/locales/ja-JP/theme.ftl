# デフォルトテーマの UI 文字列、日本語（ja-JP）。
# ここで定義していないものは en-US にフォールバックします。-brand はサイト側で
# 定義するため、ここでは定義しません。
# すべてのメッセージは $market（市場 ID）と $framing（訴求軸）を受け取ります。
# 文体は「です・ます」調。「explainer」はここでは「解説」と訳しています。

site-name = { -brand } プライバシーハブ
skip-link = 本文へスキップ
switcher-label = 地域
# 地域の一覧を開くボタン。$name は現在の市場（例：「日本」）。
switcher-summary = 地域：{ $name }
breadcrumb-label = パンくずリスト
nav-home = すべての解説
nav-markets = 地域を選ぶ
footer-note = データがどのように保存、利用、保護されているのかを、分かりやすくご説明します。

home-title = { -brand }によるデータの取り扱い
home-description = データの保存場所、データを見られる人、そしてご自身で使える設定について、短く分かりやすく解説します。
home-heading = あなたのデータを、分かりやすく
home-intro = { $framing ->
    [transparency] データがどこにあり、誰が見られるのか。そして、それをご自身で確かめる方法。
    [regulatory] 私たちがデータ保護に関する法律をどのように守っているのか、そして法律があなたに保障する権利。
    [accountability] 問題が起きたときに私たちが何をするのか、そして誰が責任を持つのか。
    [reputation] 私たちがどのようにデータを守っているのか、そしてそれがどのように確認されているのか。
   *[control] あなたが管理できる設定と、それぞれの設定で変わること。
}
home-list-title = 解説一覧

toc-label = このページの内容
# $date は ISO 形式の日付（例：2026-11-20）。
updated = 更新日：{ $date }
untranslated-notice = このページはまだ日本語でご覧いただけません。英語の原文を表示しています。
draft-notice = 下書き：このページは公開されていません。「draft: true」の行を削除するまで、「glasshouse build」はこのページを出力しません。

chooser-title = { -brand } プライバシーハブ：地域を選択
chooser-description = データの保存、プライバシー設定、あなたの権利についての解説を、お住まいの地域に合わせて、あなたの言語でお届けします。
chooser-heading = 地域を選択してください
chooser-intro = 各地域の解説は、その地域の言語で、その地域に適用されるルールと設定についてご説明しています。
# 市場の選択ページに、その市場の言語で表示されます。
chooser-enter = 解説を読む
chooser-tagline = 日本にお住まいの方に向けた、プライバシーとデータに関する解説です。

not-found-title = ページが見つかりません
not-found-heading = お探しのページが見つかりませんでした
not-found-body = ページが移動した可能性があります。地域を選ぶと、すべての解説をご覧いただけます。
not-found-market-body = ページが移動した可能性があります。お住まいの地域向けの解説は、すべてホームページに掲載しています。

## クリエイター向け台本

scripts-title = クリエイター向け台本
scripts-description = クリエイター向けの短い台本です。データとプライバシー設定について、カメラの前で何を話せばよいかを、目安の時間とともにまとめています。
scripts-heading = クリエイター向け台本
scripts-intro = ショート動画なら、多くの人が普段いる場所でプライバシーについて伝えられます。各台本はお住まいの地域に合わせて時間を計ってあり、そのままカメラの前で読み上げられます。
script-kicker = クリエイター向け台本
# $title は解説のタイトル。
script-card-title = 台本：{ $title }
script-total = 合計時間
# $seconds は秒数（整数）。
script-duration = 約{ $seconds }秒
# $role は hook、beat、cta のいずれか。
script-role = { $role ->
    [hook] つかみ
    [cta] 行動の呼びかけ
   *[beat] ポイント
}
script-screen = 画面表示
script-note = 演出メモ
script-read-explainer = 解説を全文読む
script-downloads = ダウンロード
script-download-txt = プロンプター用テキスト（.txt）
script-download-vtt = 字幕（.vtt）
script-download-json = 台本データ（.json）
script-download-srt = 字幕（.srt）
script-download-screen = 画面テキスト（.vtt）
script-teleprompter = プロンプター
script-teleprompter-pause = 一時停止
script-teleprompter-play = 再開
script-teleprompter-close = 閉じる
script-promo-title = このテーマで動画を作りましょう
script-promo-body = この解説のクリエイター向け台本は、カメラの前で読むと{ script-duration }です。
script-promo-link = クリエイター向け台本を開く

## ナビゲーションとフッター

topics-label = トピック
related-heading = 関連する解説
footer-legal-label = 法的情報
legal-link = { $kind ->
    [privacy] プライバシーポリシー
    [terms] 利用規約
    [cookies] Cookieの設定
    [contact] お問い合わせ
   *[imprint] 運営者情報
}
script-market = 市場
script-language = 言語
script-updated = 更新日
