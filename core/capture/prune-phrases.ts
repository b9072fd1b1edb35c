// Words of page furniture in Dutch and its neighbours (English, German, French) and a few
// more of the languages the pages come in: headings that introduce a block that is not the
// article, and short lines that are never part of it. Matched on whole, lower-cased text.

/** A heading that introduces related links, sharing, comments, sign-ups or tags. */
const HEADING = new RegExp(
  '^(?:' +
    [
      // Dutch
      'lees (?:ook|meer|verder)',
      'meer (?:over|lezen|nieuws|artikelen|berichten)(?: .{0,40})?',
      'gerelateerde? (?:artikelen|berichten|nieuws|items)',
      'ook interessant',
      'bekijk ook',
      'misschien ook interessant',
      'deel (?:dit|deze)(?: artikel| pagina| bericht)?',
      'delen',
      'reacties?(?: \\(\\d+\\))?',
      'reageer(?: op dit artikel)?',
      'plaats een reactie',
      'nieuwsbrief',
      'schrijf je in(?: voor .{0,40})?',
      'tags?',
      'trefwoorden',
      'populair',
      'meest gelezen',
      'over de (?:auteur|schrijver|maker)',
      'volgend(?:e)? (?:artikel|bericht)',
      'vorig(?:e)? (?:artikel|bericht)',
      'zie ook',
      'volg ons(?: op .{0,40})?',
      // English
      'related(?: articles| posts| stories| news| content| reading| topics)?',
      'read (?:more|also|next)(?: about .{0,40})?',
      'see also',
      'more (?:from|on|about|stories|news|articles|in)(?: .{0,40})?',
      'you (?:may|might) (?:also )?(?:like|enjoy|be interested in)',
      'recommended(?: for you| articles| stories)?',
      'most (?:read|popular|viewed)',
      'popular (?:posts|articles|stories)',
      'trending(?: now)?',
      'share(?: this)?(?: article| post| story| page)?(?: on)?',
      'comments?(?: \\(\\d+\\))?',
      '\\d+ (?:comments?|responses?|replies)',
      'leave a (?:comment|reply)',
      'post a comment',
      'add a comment',
      'join the discussion',
      'newsletter',
      'subscribe(?: to .{0,40})?',
      'tags?',
      'topics',
      'filed under',
      'about the author',
      'about me',
      'advertisement',
      'next (?:article|post|story)',
      'previous (?:article|post|story)',
      'follow us(?: on .{0,40})?',
      '(?:articles?|videos?|stories) (?:on|about) (?:this|the) (?:topic|subject)',
      // German
      'mehr (?:zum thema|zu diesem thema|dazu|artikel|nachrichten|aus .{0,40}|von .{0,40})',
      'das könnte sie auch interessieren',
      'auch interessant',
      'weitere (?:artikel|beiträge|nachrichten|themen)(?: .{0,40})?',
      'lesen sie (?:auch|mehr)',
      'ähnliche (?:artikel|beiträge)',
      'verwandte (?:artikel|beiträge|themen)',
      'empfohlene artikel',
      'meistgelesen',
      'beliebte beiträge',
      'schon gelesen',
      'auch lesen',
      'zum weiterlesen',
      'weiterführende links?',
      'weiterführender link',
      'weitere informationen(?: .{0,40})?',
      'zusatzinformationen',
      'vorschau auf den nächsten artikel',
      'war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)',
      'zurück(?: zur .{0,40})?',
      'beiträge zum thema',
      'kategorien',
      'kategorie',
      'categories',
      'category',
      'categorieën',
      'teilen',
      'diesen (?:artikel|beitrag) teilen',
      'kommentare?(?: \\(\\d+\\))?',
      '\\d+ kommentare?',
      'kommentar schreiben',
      'schreibe einen kommentar',
      'hinterlasse einen kommentar',
      'newsletter abonnieren',
      'schlagwörter',
      'schlagworte',
      'themen',
      'über (?:den autor|die autorin|mich)',
      'anzeige',
      'werbung',
      'nächster (?:artikel|beitrag)',
      'vorheriger (?:artikel|beitrag)',
      'folg(?:t|en sie) uns(?: auf .{0,40})?',
      '(?:artikel|videos?|beiträge)(?: und (?:artikel|videos?|beiträge))? zum thema',
      'entdecke weitere .{0,40}',
      'weiterlesen',
      'kommentare? schreiben',
      'schreib(?:e|en sie)? einen kommentar',
      // French
      'à lire aussi',
      'lire aussi',
      'à lire également',
      'voir aussi',
      'sur le même (?:sujet|thème)',
      'articles? (?:similaires|liés|connexes|recommandés)',
      'dans la même rubrique',
      'les plus lus',
      'partager(?: cet article)?',
      'commentaires?',
      '\\d+ commentaires?',
      'laisser un commentaire',
      'réagir',
      'abonnez-vous(?: .{0,40})?',
      'inscrivez-vous(?: .{0,40})?',
      'mots-clés',
      'étiquettes',
      "à propos de l(?:'|’)auteur",
      'article (?:suivant|précédent)',
      'suivez-nous(?: sur .{0,40})?',
      '(?:audios? )?et vidéos sur le (?:sujet|même sujet)',
      'sur le même sujet',
      // Spanish, Italian
      'leer más',
      'también te puede interesar',
      'veja também',
      'leia também',
      'valora esta noticia',
      'was this (?:article|page) (?:useful|helpful)',
      'was this helpful',
      'this entry was posted .{0,120}',
      'posted in .{0,80}',
      'vond je dit (?:artikel )?(?:nuttig|interessant)',
      'noticias relacionadas',
      'artículos relacionados',
      'comentarios',
      'compartir',
      'leggi anche',
      'articoli correlati',
      'commenti',
      'le puede interesar',
      'vea también',
      'otras noticias',
      'noticias relacionadas',
    ].join('|') +
    ')$',
  'u',
);

/** A short line that is furniture wherever it stands. */
const LINE = new RegExp(
  '^(?:' +
    [
      // skip links
      'skip to (?:main )?(?:content|navigation|the content)',
      'jump to (?:content|navigation)',
      'naar (?:de )?(?:hoofd)?inhoud',
      'ga (?:direct )?naar (?:de )?(?:hoofd)?inhoud',
      'zum inhalt(?: springen)?',
      'direkt zum inhalt',
      'springe zum inhalt',
      'aller au contenu(?: principal)?',
      'passer au contenu',
      // sharing
      '(?:share|deel|teilen|partager)(?: (?:on|op|auf|sur))? (?:facebook|twitter|x|linkedin|whatsapp|pinterest|e-?mail|xing)(?:,? .{0,60})?',
      'share (?:this|via)(?: .{0,40})?',
      'tweet(?: this)?',
      'per e-?mail (?:teilen|versenden|delen)',
      'drucken',
      'print(?: this)?(?: article| page)?',
      'artikel (?:drucken|versenden|teilen)',
      '(?:seite|rezept|beitrag) drucken',
      "imprimer(?: cette page| l(?:'|’)article)?",
      'artikel printen',
      'print (?:dit|deze) (?:artikel|pagina)',
      'permalien',
      'permalink',
      'bild (?:anzeigen|schließen)',
      '(?:bei|auf) pinterest (?:speichern|merken)',
      'möchten sie (?:den|diesen) (?:artikel|beitrag) teilen',
      '(?:diese|die) geschichte teilen',
      // comment counts and calls
      '\\d+ (?:comments?|reacties|reactie|kommentare?|commentaires?|responses?|replies)',
      '(?:no|keine|geen|aucun) (?:comments?|kommentare|reacties|commentaire)(?: yet| bisher)?',
      'leave a (?:comment|reply)',
      'kommentar schreiben',
      'reageer(?: op dit artikel)?',
      'be the first to comment',
      '(?:this site|diese website|deze site|ce site) (?:uses|verwendet|gebruikt|utilise) akismet.{0,120}',
      '(?:notify me|benachrichtige mich|stuur mij|prévenez-moi) .{0,160}',
      '(?:save my name|meinen namen|mijn naam|enregistrer mon nom).{0,200}',
      // cookies
      '.{0,80}(?:uses|use|verwenden|gebruikt|gebruiken|utilise|utilisons) (?:cookies|des cookies).{0,200}',
      // sign-ups
      '(?:subscribe to|abonneer (?:je|u) op|meld je aan voor|schrijf je in voor|abonnieren sie|melden sie sich) .{0,60}(?:newsletter|nieuwsbrief|updates).{0,60}',
      // "Read more: <another article>" in the languages here
      '(?:read (?:more|also)|see also|lees (?:ook|meer|verder)|zie ook|ook interessant|weiterlesen|lesen sie weiter|le puede interesar|vea también|mira|lisez aussi|bekijk ook|lesen sie (?:auch|mehr)|auch lesen|mehr zum thema|siehe auch|lire aussi|à lire aussi|voir aussi|lea (?:más|también)|lee también|leia (?:mais|também)|leggi anche) ?: .{1,150}',
      // credits and ads
      '(?:foto|bild|photo|image|imagen|beeld|credit|fotos|bildquelle|crédits? photos?|photograph|picture|titelbild|beitragsbild|headerbild)s? ?(?:\\([^)]*\\))?(?:: .{1,80}| by .{1,60}| via .{1,60})',
      '(?:all rights reserved|alle rechte vorbehalten|alle rechten voorbehouden|tous droits réservés|todos los derechos reservados)',
      '(?:advertisement|advertentie|anzeige|werbung|publicité|sponsored|gesponsord)',
      '(?:noch )?(?:no|keine|geen|aucune) (?:ratings|bewertungen|beoordelingen|évaluations?)(?: yet)?',
    ].join('|') +
    ')$',
  'u',
);

const prepare = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s»›>|•·(*-]+|[\s:.!?»›…|•·)*-]+$/g, '');

/** Whether a heading's text introduces a boilerplate block. */
export function boilerplateHeading(text: string): boolean {
  return HEADING.test(prepare(text));
}

/** Whether a short line is page furniture (a furniture heading standing alone is one too). */
export function boilerplateLine(text: string): boolean {
  const line = prepare(text);
  return LINE.test(line) || HEADING.test(line);
}
