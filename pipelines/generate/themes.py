"""What micro-credentials are about: Dutch titles, learning outcomes and the occupations they serve.

Offers are drawn from these themes, so titles, outcomes, ISCO target occupations and ISCED fields of
one offer belong together, as in a real catalogue.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    title_nl: str
    title_en: str
    domain: str
    kinds: tuple[str, ...]
    outcomes: tuple[str, ...]
    isco: tuple[str, ...]
    isced: str


def _theme(nl: str, en: str, domain: str, kinds: str, outcomes: str, isco: str, isced: str) -> Theme:
    return Theme(nl, en, domain, tuple(kinds.split()), tuple(outcomes.split(" / ")), tuple(isco.split()), isced)


THEMES: tuple[Theme, ...] = (
    _theme("Basis Python voor data-analyse", "Python basics for data analysis", "ict", "HO CVO PRIVAAT VDAB",
           "schrijft eenvoudige Python-scripts / leest en bewerkt datasets met pandas / maakt grafieken van "
           "resultaten / interpreteert beschrijvende statistieken", "2511 2521 2120", "0613"),
    _theme("Webontwikkeling met JavaScript", "Web development with JavaScript", "ict", "HO CVO SYNTRA PRIVAAT VDAB",
           "bouwt een responsieve webpagina / gebruikt een front-end framework / test code automatisch",
           "2513 2512 3514", "0613"),
    _theme("Cloud en DevOps", "Cloud and DevOps", "ict", "HO PRIVAAT VDAB",
           "zet een container-omgeving op / automatiseert uitrol met een pipeline / bewaakt kosten en "
           "beschikbaarheid", "2512 2522 3513", "0612"),
    _theme("Cybersecurity voor kmo's", "Cybersecurity for SMEs", "ict", "HO CVO SYNTRA PRIVAAT",
           "herkent phishing en social engineering / stelt een back-upbeleid op / voert een risicoanalyse uit / "
           "past de GDPR toe op klantgegevens", "2529 2523 3512", "0612"),
    _theme("Artificiële intelligentie in de zorg", "Artificial intelligence in healthcare", "zorg", "HO",
           "beoordeelt de betrouwbaarheid van AI-toepassingen / bespreekt ethische vragen met patiënten / "
           "interpreteert uitkomsten van beslissingsondersteuning", "2221 2211 2519", "0688"),
    _theme("Digitale basisvaardigheden", "Basic digital skills", "basis", "CBE CVO VDAB OVERIG",
           "gebruikt e-mail en een webbrowser veilig / vult online formulieren in / beheert bestanden en mappen "
           "/ herkent valse berichten", "", "0611"),
    _theme("Administratief medewerker: Excel gevorderd", "Administrative assistant: advanced Excel", "economie",
           "CVO SYNTRA VDAB SECTOR PRIVAAT",
           "maakt draaitabellen / gebruikt zoekfuncties en voorwaardelijke opmaak / automatiseert rapporten",
           "4110 4120 3343", "0411"),
    _theme("Boekhouden en fiscaliteit voor zelfstandigen", "Bookkeeping and taxation for the self-employed",
           "economie", "CVO SYNTRA HO PRIVAAT",
           "boekt aankoop- en verkoopfacturen / maakt een btw-aangifte op / berekent de kostprijs in € / "
           "leest een balans en resultatenrekening", "2411 3313 4311", "0411"),
    _theme("Financiële geletterdheid", "Financial literacy", "basis", "CBE CVO OVERIG",
           "beheert een gezinsbudget in € / vergelijkt leningen en spaarrekeningen / herkent financiële "
           "valkuilen / scheidt privé-uitgaven en vaste kosten", "", "0031"),
    _theme("Projectmanagement in de praktijk", "Project management in practice", "economie", "HO CVO SECTOR PRIVAAT",
           "stelt een projectplan en planning op / beheert risico's en stakeholders / rapporteert over budget "
           "en voortgang", "1219 2421 1213", "0413"),
    _theme("Leiderschap en coaching", "Leadership and coaching", "persoonlijk", "HO PRIVAAT SECTOR",
           "voert coachende gesprekken / geeft constructieve feedback / begeleidt een team door verandering",
           "1212 1219 2423", "0413"),
    _theme("Digitale marketing en sociale media", "Digital marketing and social media", "economie",
           "HO CVO SYNTRA PRIVAAT",
           "stelt een contentkalender op / meet campagneresultaten / schrijft wervende teksten voor sociale media",
           "2431 3322 2432", "0414"),
    _theme("HR: loonadministratie", "HR: payroll administration", "economie", "CVO SECTOR PRIVAAT SYNTRA",
           "berekent een brutoloon en netto-inkomen / verwerkt Dimona- en DmfA-aangiften / past het sociaal "
           "recht toe", "3313 1212 4313", "0413"),
    _theme("Logistiek en supply chain management", "Logistics and supply chain management", "logistiek",
           "HO CVO SECTOR SYNTRA",
           "plant voorraden en bestellingen / optimaliseert transportroutes / gebruikt een WMS-systeem",
           "1324 4321 3331", "1041"),
    _theme("Klantenservice en communicatie", "Customer service and communication", "economie",
           "CVO VDAB SECTOR PRIVAAT",
           "handelt klachten klantvriendelijk af / communiceert helder aan de telefoon / gebruikt een CRM-pakket",
           "4222 5244 4229", "0414"),
    _theme("Verkoop in de retail", "Retail sales", "economie", "CVO VDAB SYNTRA SECTOR",
           "adviseert klanten bij aankopen / beheert de kassa en de voorraad / presenteert producten in de winkel",
           "5223 5221 5230", "0416"),
    _theme("Verpleegkunde: wondzorg", "Nursing: wound care", "zorg", "HO",
           "beoordeelt wonden systematisch / kiest een passend verband / registreert de wondevolutie in het "
           "patiëntendossier", "2221 3221", "0913"),
    _theme("Verzorgende: palliatieve zorg", "Carer: palliative care", "zorg", "CVO HO PRIVAAT",
           "herkent pijn en ongemak bij de patiënt / ondersteunt familie en naasten / werkt samen in een "
           "multidisciplinair team", "5321 2221 3221", "0913"),
    _theme("Zorgkundige: medicatiebeleid", "Care assistant: medication policy", "zorg", "CVO PRIVAAT",
           "dient medicatie veilig toe / volgt bijwerkingen op / documenteert zorghandelingen correct",
           "5321 3221", "0913"),
    _theme("Ouderenzorg: omgaan met dementie", "Elderly care: dealing with dementia", "zorg",
           "CVO HO VDAB PRIVAAT",
           "herkent signalen van dementie / communiceert respectvol met de bewoner / creëert een veilige "
           "leefomgeving", "5322 5321 2221", "0913"),
    _theme("Klinische psychologie: trauma", "Clinical psychology: trauma", "zorg", "HO",
           "herkent posttraumatische stress / past een evidence-based interventie toe / werkt traumasensitief",
           "2634", "0313"),
    _theme("Sociaal werk: schuldhulpverlening", "Social work: debt counselling", "sociaal", "HO CVO",
           "brengt een schuldsituatie in kaart / bemiddelt met schuldeisers / verwijst door naar juridische "
           "hulp", "2635 3412", "0923"),
    _theme("Kinderopvang: pedagogische basis", "Childcare: pedagogical basics", "sociaal", "CVO SYNTRA OVERIG",
           "stimuleert de ontwikkeling van jonge kinderen / werkt volgens de regels van Opgroeien / "
           "communiceert met ouders", "5311 2342", "0922"),
    _theme("Onderwijs: taalgericht vakonderwijs", "Education: language-sensitive teaching", "onderwijs",
           "HO OVERIG",
           "past taalsteun toe in de vakles / differentieert voor meertalige leerlingen / evalueert "
           "taalvaardigheid", "2330 2341", "0114"),
    _theme("Nederlands tweede taal: richtgraad 3", "Dutch as a second language: level 3", "talen", "CVO CBE",
           "voert een gesprek over vertrouwde onderwerpen / begrijpt eenvoudige teksten / schrijft een korte "
           "e-mail", "", "0231"),
    _theme("Zakelijk Frans", "Business French", "talen", "CVO SYNTRA SECTOR",
           "voert een telefoongesprek in het Frans / schrijft een zakelijke e-mail / presenteert een product "
           "aan klanten", "4110 3322", "0231"),
    _theme("Zakelijk Engels", "Business English", "talen", "CVO HO SECTOR PRIVAAT",
           "leidt een vergadering in het Engels / schrijft een rapport / onderhandelt met buitenlandse "
           "partners", "4110 3322 2421", "0231"),
    _theme("Duurzaam bouwen en renoveren", "Sustainable construction and renovation", "bouw", "HO SYNTRA SECTOR",
           "berekent de EPB-prestatie van een woning / kiest duurzame materialen / plant een energetische "
           "renovatie", "2142 3112 2161", "0732"),
    _theme("Warmtepompen installeren", "Installing heat pumps", "energie", "SYNTRA VDAB SECTOR CVO PRIVAAT",
           "dimensioneert een warmtepomp / installeert en vult een koelcircuit / stelt de regeling in en "
           "onderhoudt de installatie", "7127 7126 3113", "0713"),
    _theme("Zonnepanelen plaatsen en onderhouden", "Installing and maintaining solar panels", "energie",
           "SYNTRA VDAB SECTOR PRIVAAT",
           "plaatst panelen veilig op een dak / sluit een omvormer aan / controleert de opbrengst",
           "7411 7421 3113", "0713"),
    _theme("Elektrische installaties: AREI", "Electrical installations: AREI regulations", "energie",
           "SYNTRA VDAB SECTOR CVO",
           "leest een elektrisch schema / voert metingen veilig uit / bereidt een AREI-keuring voor",
           "7411 3113 7412", "0713"),
    _theme("Energietransitie en hernieuwbare energie", "Energy transition and renewable energy", "energie",
           "HO SECTOR",
           "vergelijkt hernieuwbare energiebronnen / berekent de terugverdientijd van een investering / "
           "adviseert over netcongestie", "2151 3113 2149", "0713"),
    _theme("Lassen: TIG en MIG/MAG", "Welding: TIG and MIG/MAG", "techniek", "SYNTRA VDAB SECTOR CVO",
           "kiest het juiste lasproces / last stompe en hoeknaden / controleert lasnaden visueel",
           "7212", "0715"),
    _theme("Machineoperator: CNC-programmatie", "Machine operator: CNC programming", "techniek",
           "SYNTRA VDAB SECTOR",
           "programmeert een CNC-draaibank / meet werkstukken na / stelt gereedschappen in",
           "7223 3122", "0715"),
    _theme("Onderhoud van elektrische voertuigen", "Maintaining electric vehicles", "techniek",
           "SYNTRA VDAB SECTOR",
           "werkt veilig aan hoogspanningssystemen / diagnosticeert batterijproblemen / voert periodiek "
           "onderhoud uit", "7231 7412", "0716"),
    _theme("Procesoperator chemie", "Chemical process operator", "techniek", "SECTOR VDAB",
           "bewaakt een productieproces / neemt stalen en analyseert ze / reageert op storingen volgens "
           "procedure", "8131 3133", "0711"),
    _theme("Dakwerken en isolatie", "Roofing and insulation", "bouw", "SYNTRA VDAB SECTOR PRIVAAT",
           "plaatst dakisolatie luchtdicht / werkt veilig op hoogte / werkt een plat dak af",
           "7121 7124", "0732"),
    _theme("Sanitaire installaties", "Plumbing installations", "bouw", "SYNTRA VDAB CVO",
           "legt waterleidingen aan / plaatst sanitaire toestellen / spoort lekken op",
           "7126", "0732"),
    _theme("Schilderwerken en decoratie", "Painting and decorating", "bouw", "SYNTRA VDAB CVO",
           "bereidt ondergronden voor / kiest verf en techniek / werkt wanden en plafonds af",
           "7131", "0732"),
    _theme("Heftruckbestuurder", "Forklift driver", "logistiek", "VDAB SECTOR PRIVAAT",
           "bestuurt een heftruck veilig / laadt en lost paletten / voert de dagelijkse controle uit",
           "8344 4321", "1041"),
    _theme("Vrachtwagenchauffeur: code 95", "Truck driver: code 95 refresher", "logistiek", "VDAB SECTOR SYNTRA",
           "rijdt defensief en zuinig / beveiligt lading / past de rij- en rusttijden toe",
           "8332", "1041"),
    _theme("Mobiele kraan bedienen", "Operating a mobile crane", "bouw", "SECTOR VDAB",
           "stelt een kraan veilig op / berekent lasten / communiceert met de signaalgever",
           "8343", "0715"),
    _theme("Veiligheid op de werkvloer: VCA", "Workplace safety: VCA", "veiligheid", "SECTOR VDAB SYNTRA PRIVAAT",
           "herkent risico's op de werkvloer / gebruikt persoonlijke beschermingsmiddelen / handelt correct bij "
           "een incident", "3257 7119 8189", "1022"),
    _theme("EHBO op het werk", "Workplace first aid", "veiligheid", "OVERIG SECTOR CVO",
           "verleent eerste hulp bij ongevallen / voert reanimatie uit met een AED / alarmeert de hulpdiensten",
           "3258", "1022"),
    _theme("Voedselveiligheid en HACCP", "Food safety and HACCP", "horeca", "SECTOR SYNTRA CVO",
           "past de HACCP-principes toe / registreert temperaturen / voorkomt kruisbesmetting",
           "7514 3142 5120", "0721"),
    _theme("Keuken: basistechnieken", "Kitchen: basic techniques", "horeca", "CVO SYNTRA VDAB SECTOR",
           "werkt hygiënisch en georganiseerd / bereidt klassieke sauzen en fonds / berekent de kostprijs van "
           "een gerecht in €", "5120 3434 9412", "1013"),
    _theme("Barista en koffiebar", "Barista and coffee bar", "horeca", "SYNTRA CVO PRIVAAT",
           "zet espresso en melkdranken / onderhoudt de koffiemachine / adviseert klanten in het café",
           "5132 5131", "1013"),
    _theme("Bakkerij: zuurdesembrood", "Bakery: sourdough bread", "horeca", "SYNTRA SECTOR CVO",
           "kweekt en onderhoudt zuurdesem / bakt broden met een knapperige korst / plant de productie",
           "7512", "0721"),
    _theme("Tuinaanleg en groenonderhoud", "Landscaping and green maintenance", "groen", "SYNTRA VDAB CVO",
           "leest een beplantingsplan / snoeit bomen en heesters / onderhoudt gazons ecologisch",
           "6113 9214", "0812"),
    _theme("Circulaire economie", "Circular economy", "groen", "HO PRIVAAT SECTOR",
           "analyseert materiaalstromen / ontwerpt een circulair businessmodel / meet de milieu-impact",
           "2133 2141 1321", "0521"),
    _theme("Bedrijfsbeheer voor starters", "Business management for starters", "economie", "SYNTRA CVO",
           "stelt een ondernemingsplan op / berekent een financieel plan / kiest een rechtsvorm",
           "1420 1411 1221", "0413"),
    _theme("Kapper: kleurtechnieken", "Hairdresser: colouring techniques", "uiterlijk", "SYNTRA CVO",
           "adviseert klanten over kleur / past balayage en highlights toe / werkt veilig met producten",
           "5141", "1012"),
    _theme("Schoonheidsspecialist: gelaatsverzorging", "Beautician: facial care", "uiterlijk", "SYNTRA CVO",
           "analyseert het huidtype / voert een gelaatsverzorging uit / adviseert over producten",
           "5142", "1012"),
    _theme("Grafisch ontwerp", "Graphic design", "kunst", "HO CVO DKO SYNTRA",
           "ontwerpt een huisstijl / werkt met typografie en kleur / bereidt bestanden voor op druk",
           "2166 3432", "0211"),
    _theme("Fotografie", "Photography", "kunst", "DKO CVO HO",
           "beheerst belichting en compositie / bewerkt beelden digitaal / bouwt een portfolio op",
           "3431", "0211"),
    _theme("Keramiek en beeldhouwen", "Ceramics and sculpture", "kunst", "DKO",
           "werkt met klei en glazuren / ontwikkelt een eigen beeldtaal / presenteert werk in een expositie",
           "2651 7314", "0214"),
    _theme("Muziekproductie", "Music production", "kunst", "DKO HO",
           "neemt audio op in een studio / mixt en mastert een nummer / werkt met een DAW",
           "2652 3521", "0215"),
    _theme("Woordkunst en voordracht", "Spoken word and recitation", "kunst", "DKO",
           "draagt een tekst expressief voor / werkt met stem en adem / schrijft eigen teksten",
           "2655", "0232"),
    _theme("Loopbaanoriëntatie en leren leren", "Career orientation and learning to learn", "persoonlijk",
           "VDAB OVERIG CVO",
           "reflecteert over eigen talenten / stelt een loopbaanplan op / zoekt vacatures gericht",
           "", "0031"),
    _theme("Stressmanagement en veerkracht", "Stress management and resilience", "persoonlijk",
           "OVERIG PRIVAAT HO",
           "herkent signalen van stress / past ontspanningstechnieken toe / bewaakt de eigen grenzen",
           "", "0031"),
    _theme("Data-gedreven beleid in de publieke sector", "Data-driven policy in the public sector", "economie",
           "HO",
           "formuleert beleidsvragen als datavragen / interpreteert indicatoren kritisch / communiceert "
           "cijfers helder", "2422 2120 1112", "0542"),
)
