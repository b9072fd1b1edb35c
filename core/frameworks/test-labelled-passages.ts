// A labelled set for the theme suggester: passages copied word for word from the domain
// texts in tests/fixtures/domain-texts/ (suggest.test.ts checks that each occurs there), each
// with the preset themes a community worker would tag it with. Practice stories, arguments
// and questions from the texts; never the numbered lists or sentences the presets quote (those
// would match themselves). Four passages belong to no theme (a train journey, records, an
// address for a training, a busy team's agenda): suggestions for them count against precision.
// Labelled before the suggester was tuned; the same set was then used to choose its
// parameters (there is no held-out set), which the bench note says.

export interface LabelledPassage {
  /** File in tests/fixtures/domain-texts/. */
  source: string;
  text: string;
  /** Preset theme ids, the most fitting first. */
  themes: string[];
}

export const labelledPassages: readonly LabelledPassage[] = [
  {
    source: '001_75cbba5cd0199834.txt',
    text: "De transformatie in het sociaal domein ontwikkelt zich eenzijdig. Er is weliswaar veel aandacht voor de herinrichting van de professionele maatschappelijke ondersteuning, maar er is te weinig structurele aandacht voor het versterken van de informele zorg en de mogelijkheid om collectieve arrangementen op buurtniveau te ontwikkelen.",
    themes: ['community-werker.transformatie', 'community-werker.buurt-en-wijkgericht'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Dat hangt samen met het feit dat de sociale wijkteams zich vaak richten op individuele gevallen. Dat is ook te begrijpen, want daar zijn de teams, die vooral uit hulpverleners en zorgverleners bestaan, ook voor opgeleid. Die professionals zijn niet toegerust om samen met bewoners te werken aan de ontwikkeling van collectieve voorzieningen.",
    themes: ['hulp-zorg-welzijn.hulp', 'hulp-zorg-welzijn.zorg', 'hulp-zorg-welzijn.welzijn'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Als er initiatieven binnen de community ontstaan, worden deze vaak beschouwd als niet meer dan een aanvulling op de professionele inzet. Dat is een gemiste kans, want antwoorden op sociale vraagstukken en het vermogen om te innoveren zijn veelal te vinden in de community zelf. Bewonersinitiatieven zouden, veel meer dan nu het geval is, een inspiratie kunnen zijn voor vernieuwing.",
    themes: ['community-werker.in-en-vanuit-de-community', 'hulp-zorg-welzijn.innovatie'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Een mooi voorbeeld, dat laat zien hoe bewoners het verschil kunnen maken, is het project “Welkom Thuis” in Amsterdam Nieuw-West. Doorn in het oog was het grofvuil dat zich regelmatig ophoopte náást de ondergrondse containers. Dankzij de plaatsing van een hekwerk is er uiteindelijk een nieuwe ‘vergaarbak’ gecreëerd. Resultaat: het gedrag van bewoners is veranderd en er slingert geen zwerfvuil rond de containers. Deze simpele oplossing is bedacht door bewoners zelf. Als gebruiker en eigenaar van hun omgeving weten zij als geen ander wat daar nodig is. Het benutten van deze kennis kan dus leiden tot slimme oplossingen.",
    themes: ['community-werker.eigenaarschap'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Het probleem is dat bewoners vaak niet gehoord worden. Of zij kennen zelf de weg niet om een idee uitgevoerd te krijgen. Community werk kan daarbij van groot nut zijn. Er wordt op een laagdrempelige wijze contact gelegd met bewoners en geïnformeerd naar hun ideeën over hun leefomgeving. Vervolgens gaan de community werkers aan de slag met de onderwerpen en de aangedragen oplossingen van de bewoners.",
    themes: ['community-werker.leefwereld', 'community-werker.eigenaarschap'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Dit is een gilde van ondernemende en creatieve community werkers die, onder het motto ‘wij lossen niks op’, bewoners coachen bij hun ambities, zowel individueel als collectief. Ze gaan uit van de kracht van de bewoners met als basis: wederzijds vertrouwen.",
    themes: ['community-werker.bewonersambities', 'dichterbij.nadruk-op-kracht'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Om community werk te kunnen doen moet je weten wat je als professional drijft en welke waarden daarbij belangrijk zijn. Op basis daarvan kun je vanuit passie en overtuiging aansluiten bij de motivatie en ambities van bewoners.",
    themes: ['community-werker.bewonersambities', 'dichterbij.eigen-referentiekader'],
  },
  {
    source: '001_75cbba5cd0199834.txt',
    text: "Samen leren deelnemers anders kijken naar sociale vraagstukken in hun wijk, buurt of dorp en leren zij te werken op basis van bewonersambities.",
    themes: ['community-werker.bewonersambities', 'community-werker.buurt-en-wijkgericht'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "De kenniskring behandelde de vraag hoe je er als professional toe kunt bijdragen dat bewoners, vanuit hun eigen kracht en motivatie, dingen voor elkaar krijgen. Keer op keer is de ervaring dat niet zo zeer de methodiek, maar de professional in de wijk, de kritische succesfactor is. Steeds meer komt het besef op dat de professional in de wijk een inspirerende coach dient te zijn die, uitgaande van de motivatie en eigen kracht van de bewoner, de bewoner ondersteunt in de stappen die hij/zij wil en kan zetten.",
    themes: ['dichterbij.nadruk-op-kracht', 'community-werker.bewonersambities'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Esther van Oss merkt dat het zoeken naar een balans tussen stimuleren en loslaten voortdurend een rol speelt. 'Mensen worden vaak enthousiast als je hen vraagt wat zij te bieden hebben en hoe zij hun talent kunnen inzetten voor de buurt'. Vaak slijt hierna dit eerste enthousiasme. Het stimuleren van burgers moet plaatsvinden op maat waarbij je ervoor moet zorgen dat je op tijd loslaat voordat je teveel de kar gaat trekken.",
    themes: ['dichterbij.leer-en-ontwikkelproces', 'interventierichtingen.gepast-reageren-en-mobiliseren'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "'Mensen worden vaak enthousiast als je hen vraagt wat zij te bieden hebben en hoe zij hun talent kunnen inzetten voor de buurt'.",
    themes: ['gouden-regels.wat-iemand-te-bieden-heeft', 'community-werker.talenten-verbinden'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Capaciteitsgericht werken houdt voor professionals een andere mindset en andere competenties in. Eén daarvan behelst het vertrouwen hebben in de vaardigheden van de burgers, hen als coproductent te zien en hen daarin te stimuleren en te coachen.",
    themes: ['dichterbij.partners-in-een-zoektocht', 'dichterbij.nadruk-op-kracht'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Een andere belangrijke competentie van de professional is het proactief werken. Het is van belang om uit de eigen systeemwereld (werkplek) te stappen en de burgers op te zoeken in hun leefwereld, in de civil society.",
    themes: ['gouden-regels.proactief-vragen-zoeken', 'gouden-regels.ambulant-werken', 'community-werker.leefwereld'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "In één op één contact moet in kaart worden gebracht wat de burger binnen en met behulp van het eigen netwerk kan en wil verbeteren. Daarna wat de burger voor de wijk kan betekenen, maar ook: wat kan de burger buiten de wijk betekenen?",
    themes: ['gouden-regels.wat-iemand-te-bieden-heeft'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Talenten van bewoners moeten niet verloren gaan in een project in de wijk ten behoeve van de wijk alleen. Vanuit een project moeten verbindingen naar buiten worden gelegd",
    themes: ['community-werker.talenten-verbinden', 'dichterbij.verbindingen-maken'],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Wat is er mooier dan relaties in de buurt te zien ontstaan en mensen te zien opbloeien door initiatief dat ze zelf nemen?",
    themes: ['community-werker.eigenaarschap'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Het sociaal wijkteam zou een orkest moeten zijn, op zoek naar hoe je met elkaar de goede blues kunt spelen. Volgens diverse onderzoeken is er nogal wat mis met de sociale wijkteams, die in 2015 door bijna alle gemeenten naar voren zijn geschoven als het wondermiddel om de transformatie van het sociaal domein te realiseren. Het samen anders doen. En samen is vooral samen met de bewoners. En laten die nu nog nauwelijks betrokken zijn bij het transformatieproces.",
    themes: ['community-werker.transformatie', 'community-werker.samenwerken'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "De kritiek varieert van geen focus en visie, niet opereren als een team, geen eigenaarschap, te weinig gericht op preventie en innovatie, tot teveel gericht op kostenbesparing, bureaucratisch, geen duidelijke leiding, geen eigen budget.",
    themes: ['hulp-zorg-welzijn.preventie', 'hulp-zorg-welzijn.innovatie'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Maak tijd en ruimte voor community werk. Sluit aan bij bewoners en ga met elkaar het gesprek aan. Ontwikkel nieuwe (lokale) kennis en kunde. Ga aan de slag in de wijk en leer vanuit de praktijk.",
    themes: ['community-werker.leefwereld', 'community-werker.in-en-vanuit-de-community'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Maak kleine operationele teams die met ambities van bewoners, vraagstukken, thema's en doelgroepen aan de slag gaan. Kleine slagvaardige teams met een hulpverlener, zorgverlener en welzijnswerker. Betrek bewoners daarbij en andere in de wijk werkzame professionals. Verbind individuele en collectieve ambities van bewoners.",
    themes: ['community-werker.samenwerken', 'community-werker.bewonersambities'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Ga de uitdaging aan om echt te transformeren en niet het zoveelste instituut te worden. Vraag je openlijk af wat je nu anders doet dan voor 1 januari 2015 en of dat voldoende bijdraagt aan de transformatieopgave. Experimenteer, twijfel en maak fouten. Dan ontstaan er mooie arrangementen voor een goede blues en een prachtig album.",
    themes: ['hulp-zorg-welzijn.innovatie', 'community-werker.transformatie'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Maar preventie gaat wel weer te veel over tekortkomingen. Over het voorkomen dat er problemen ontstaan en risicofactoren worden uitgesloten.",
    themes: ['hulp-zorg-welzijn.preventie'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Dit soort vragen zouden de agenda van het sociale wijkteam moeten beheersen, maar dat is helaas niet het geval. Omdat de teams veel te druk zijn met de individuele casuïstiek.",
    themes: [],
  },
  {
    source: '000_bb9f36a7de11bcd5.txt',
    text: "Het sociaal wijkteam wordt gezien als de spil van de transformatie. Daarom heeft het sociaal wijkteam een belangrijke opgave: op zoek naar goede initiatieven en ideeën van bewoners. Naar nieuwe vormen van solidariteit, samenkracht, elkaar helpen en met elkaar bijdragen aan de transformatie.",
    themes: ['community-werker.transformatie', 'hulp-zorg-welzijn.normaliseren'],
  },
  {
    source: '000_bb9f36a7de11bcd5.txt',
    text: "In het leernetwerk delen wij kennis, kunde en ervaring. Wij wisselen deskundigheid uit en zijn met elkaar op zoek naar nieuwe inzichten en stimuleren elkaar tot innovatie. Op zoek naar slimme oplossingen.",
    themes: ['community-werker.lef-en-ondernemerschap'],
  },
  {
    source: '000_bb9f36a7de11bcd5.txt',
    text: "Het is een innerlijke drive van de community werker om mensen een stapje verder te brengen, te laten groeien en een beetje gelukkiger te maken.",
    themes: ['community-werker.bewonersambities'],
  },
  {
    source: '000_bb9f36a7de11bcd5.txt',
    text: "Creatieve denkers en doeners die het verschil kunnen maken in de lokale samenleving.",
    themes: ['community-werker.lef-en-ondernemerschap', 'dichterbij.creatieve-professionaliteit'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Ontwikkel bijvoorbeeld in samenspraak met huisartsen in de wijk en POH ggz ondersteuning voor mensen met psychosociale problematiek die niet meer in de ggz wordt behandeld, zoals overspannenheid en rouw. Kijk daarbij ook eens naar aanpakken elders.",
    themes: ['interventierichtingen.activeren', 'dichterbij.dicht-in-de-leefwereld'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Of activeer binnen de wijk mensen die eenzaamheid onder ouderen tegen willen gaan. Begin bij bewoners vanuit de eigen ervaringen en bouw het netwerk uit onder professionals. Zorg dat alle betrokkenen elkaar kennen en van elkaar weten wat zij kunnen betekenen. Zorg dat zij elkaar regelmatig ontmoeten en elkaars plannen versterken.",
    themes: ['interventierichtingen.activeren', 'dichterbij.verbindingen-maken'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Nieuwe ontmoetingsactiviteiten, creatieve bijeenkomsten, samen eten en koken of gewoon 1 op 1 contact. Laat het ontstaan vanuit de mensen waarmee je werkt.",
    themes: ['dichterbij.lichtvoetig-beginnen', 'community-werker.eigenaarschap'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Verbind winkeliers binnen je wijk aan een gezamenlijke doelstelling om de wijk leefbaarder te maken voor haar bewoners. Inspireer hen hoe zij duurzaam contact kunnen leggen met bewoners door hen actief te betrekken bij activiteiten in de wijk. Kijk samen hoe zij kunnen en willen bijdragen aan inclusie. Het belangrijkste is dat winkeliers betrokken raken.",
    themes: ['interventierichtingen.gepast-reageren-en-mobiliseren', 'dichterbij.verbindingen-maken'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Een van de opbouwwerkers die ik laatst sprak vertelde over een theater-gezelschap bestaande uit louter mensen die zich anders voelen. Dat „anders-voelen dan anderen”, dat was de gezamenlijke basis om samen een toneelstuk op te zetten. Zij voeren nu ieder jaar met kerst een toneelstuk op voor een verzorgingshuis in de wijk. Het idee ontstond bij een bewoner en werd samen met de opbouwwerker doorontwikkeld. Zo kunnen zelfs dromen en wensen heel goed de basis vormen voor ontwikkeling. De kunst is nieuwsgierig te zijn naar die dromen, wensen en krachten bij bewoners.",
    themes: ['interventierichtingen.inbedden', 'community-werker.bewonersambities', 'dichterbij.nadruk-op-kracht'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Waar schuring optreedt in de samenwerking is het een uitdaging samen te durven staan. Dat het stroef loopt betekent dat het „ergens om gaat”. Je hebt op dat moment de kans samen te groeien. In dat moment moet je niet bang zijn elkaar te confronteren en samen fouten durven maken. Co-creatie betekent door zwaar weer kunnen komen en samen sterker (leren) staan.",
    themes: ['dichterbij.partners-in-een-zoektocht', 'bouwstenen.wederkerigheid'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Allereerst werk je bij co-creatie niet probleemgericht. Je werkt aspiratiegericht. Je bent gericht op het hoogst haalbare resultaat onder de gegeven omstandigheden.",
    themes: ['dichterbij.van-probleem-naar-toekomst'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Daaruit ontstaat ruimte voor kwetsbaarheid, voor niet-weten, twijfelen en zoeken naar andere wegen. En daaruit kan groei ontstaan.",
    themes: ['dichterbij.niet-weten', 'dichterbij.partners-in-een-zoektocht'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Opvoeden en kaders stellen kun je alleen vanuit de verbinding met anderen. We reizen niet alleen. Dit betekent dat je je moet verbinden met burgers in preciaire situaties. Het betekent dat je je verbindt met collega's.",
    themes: ['bouwstenen.empowerment', 'bouwstenen.wederkerigheid'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Ik wil duidelijk krijgen wat mijn rol moet zijn bij iedere cliënt: wanneer ben ik hulpverlener, wanneer consultant, coach of regiehouder die de cliënt tot daden aanzet, of wanneer kan ik het beste 'op mijn handen gaan zitten'?",
    themes: ['interventierichtingen.gepast-reageren-en-mobiliseren'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Ik wil tijd om stil te staan bij wat de verandering voor mij betekent: hoe doorbreek ik oude werkwijzen, hoe ver moet mijn kennis reiken? Wat heb ik gaandeweg (en ongemerkt) al veranderd in mijn werkwijze?",
    themes: ['dichterbij.eigen-referentiekader'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Als je sociaal onhandig bent loop je het risico uitgesloten te raken, collectieve voorzieningen nemen af. De tolerantie voor kwetsbare mensen neemt af.",
    themes: ['dichterbij.maatschappelijke-krachten'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Je weet dat omstandigheden voortdurend kunnen veranderen. Je onderscheid je van andere professionals door zicht te houden op wat duurzaam (samen)leven mogelijk maakt. Je houdt je oog op het kompas. En je bent realistisch: je weet dat niet alles oplosbaar is. Bij grote verander-processen stel je concrete doelen en hanteer je een realistische verander-termijn.",
    themes: ['dichterbij.grenzen-van-invloed'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Dus in die verbindingen ga je aan de slag. Je werkt samen op basis van co-creatie. Geen van de betrokkene weet vooraf of de beoogde interventie succesvol zal zijn. Het draait in de samenwerking om de wens kennis en kunde aan elkaar toe te voegen, samen te werken aan inclusie.",
    themes: ['dichterbij.partners-in-een-zoektocht', 'bouwstenen.wederkerigheid'],
  },
  {
    source: '004_29f6c19f061575c4.txt',
    text: "Durf een kapitein te zijn, stuur bij, hak knopen door, neem op een natuurlijke manier de leiding met maximale inspraak van alle betrokkenen.",
    themes: ['bouwstenen.empowerment'],
  },
  {
    source: '002_e5ef69d658397763.txt',
    text: "Het is weer helemaal terug. De LP, het echte vinyl. Van zolder haalde ik mijn platencollectie. Ik kocht een nieuwe platenspelers en verdrink zo regelmatig in mijn jeugdsentiment.",
    themes: [],
  },
  {
    source: '000_bb9f36a7de11bcd5.txt',
    text: "De Wagenmeester in Amersfoort. Dat was voor een dag mijn kantoor. Vanuit de trein starend naar buiten brak de zon door. Op weg naar Amersfoort voor een gesprek met Joeri van de Riet en aansluitend Marcel Spierts. Daar verheugde ik mij op. En in combinatie met de doorbrekende zon kan ik wel zeggen dat ik die dag fluitend naar mijn werk ging.",
    themes: [],
  },
  {
    source: '003_5446dd02a0fde8e4.txt',
    text: "Wilt u meer weten over de training, neem dan contact op met Nolitha of met Pascal van Wanrooij, Alleato's adviseur wijkgericht werken, pascal.vanwanrooy@alleato.nl, (030) 239 20 55.",
    themes: [],
  },
];
