# Textos de la interfaz del tema predeterminado, en español de México (es-MX).
# Lo que no se define aquí se toma de en-US. El término -brand lo define el
# sitio: no se vuelve a definir aquí.
# Cada mensaje recibe $market (identificador del mercado) y $framing (enfoque del mercado).
# Trato de "tú". "Explainer" se traduce siempre como "guía".

site-name = Centro de privacidad de { -brand }
skip-link = Ir al contenido
switcher-label = Región
# El botón que abre la lista de regiones; $name es el mercado actual, p. ej. "México".
switcher-summary = Región: { $name }
breadcrumb-label = Ruta de navegación
nav-home = Todas las guías
nav-markets = Elige tu región
footer-note = Explicaciones claras sobre cómo se guardan, usan y protegen tus datos.

home-title = Cómo maneja { -brand } tus datos
home-description = Guías breves y claras sobre dónde se guardan tus datos, quién puede verlos y qué controles tienes.
home-heading = Tus datos, explicados
home-intro = { $framing ->
    [transparency] Dónde están tus datos, quién puede verlos y cómo comprobarlo por tu cuenta.
    [regulatory] Cómo cumplimos con la ley de protección de datos y qué derechos te da.
    [accountability] Qué hacemos cuando algo sale mal y quién responde por ello.
    [reputation] Cómo protegemos tus datos y cómo se verifica.
   *[control] La configuración que tú controlas y lo que cambia cada opción.
}
home-list-title = Guías

toc-label = En esta página
# $date es una fecha ISO, por ejemplo 2026-11-20.
updated = Actualizado: { $date }
untranslated-notice = Esta página todavía no está disponible en español. Estás leyendo el original en inglés.
draft-notice = Borrador: esta página no está publicada. “glasshouse build” la omite hasta que se borre su línea “draft: true”.

chooser-title = Centro de privacidad de { -brand }: elige tu región
chooser-description = Guías sobre el almacenamiento de datos, los controles de privacidad y tus derechos, para tu región y en tu idioma.
chooser-heading = Elige tu región
chooser-intro = Cada región tiene guías en su idioma sobre las reglas y los controles que aplican ahí.
# Se muestra en el selector de mercados, en el idioma del mercado.
chooser-enter = Lee las guías
chooser-tagline = Guías sobre privacidad y datos para lectores en México.

not-found-title = Página no encontrada
not-found-heading = No encontramos esa página
not-found-body = Es posible que la página se haya movido. Elige tu región para ver todas las guías.
not-found-market-body = Es posible que la página se haya movido. Todas las guías para tu región están en la página de inicio.

## Guiones para creadores

scripts-title = Guiones para creadores
scripts-description = Guiones breves para creadores: qué decir a cámara sobre tus datos y los controles de privacidad, con tiempos.
scripts-heading = Guiones para creadores
scripts-intro = Los videos cortos explican la privacidad donde la gente ya está. Cada guion está cronometrado para tu región y listo para leerse a cámara.
script-kicker = Guion para creadores
# $title es el título de la guía.
script-card-title = Guion: { $title }
script-total = Tiempo total
# $seconds es un número entero de segundos.
script-duration = unos { $seconds } segundos
# $role es hook, beat o cta.
script-role = { $role ->
    [hook] Gancho
    [cta] Llamado a la acción
   *[beat] Punto
}
script-screen = En pantalla
script-note = Nota
script-read-explainer = Lee la guía completa
script-downloads = Descargas
script-download-txt = Texto para teleprompter (.txt)
script-download-vtt = Subtítulos (.vtt)
script-download-json = Datos del guion (.json)
script-download-srt = Subtítulos (.srt)
script-download-screen = Texto en pantalla (.vtt)
script-teleprompter = Teleprompter
script-teleprompter-pause = Pausar
script-teleprompter-play = Reanudar
script-teleprompter-close = Cerrar
script-promo-title = Haz un video sobre esto
script-promo-body = El guion para creadores de esta guía se lee a cámara en { script-duration }.
script-promo-link = Abre el guion para creadores

## Navegación y pie de página

topics-label = Temas
related-heading = También te puede interesar
footer-legal-label = Información legal
legal-link = { $kind ->
    [privacy] Aviso de privacidad
    [terms] Términos del servicio
    [cookies] Configuración de cookies
    [contact] Contáctanos
   *[imprint] Aviso legal
}
script-market = Mercado
script-language = Idioma
script-updated = Actualizado
