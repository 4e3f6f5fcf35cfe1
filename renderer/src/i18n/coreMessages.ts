import { elide } from './elision';
import i18n from './index';

/**
 * The core speaks English in its error messages (they also go to logs and the audit trail); the
 * screens show them in the user's language. Exact messages first, then patterns with the values
 * they carry. Anything unknown is shown as it came, never hidden.
 */
const FR_EXACT: Record<string, string> = {
  // Identity and kiosk (issue 12)
  'Sign in first': 'Connectez-vous d’abord',
  'Set the kiosk PIN before switching this device to booth mode':
    'Définissez le code kiosque avant de passer cet appareil en mode borne (Réglages → Kiosque)',
  'PIN must be 4 to 12 digits': 'Le code compte de 4 à 12 chiffres',
  'The password needs at least 8 characters': 'Le mot de passe doit compter au moins 8 caractères',
  'Only an admin sets another profile’s password or PIN': 'Seul un administrateur définit le mot de passe ou le code d’un autre profil',
  // Printed documents (ports/pdf.ts)
  'No Chrome, Edge or Chromium was found to make the PDF; install one or set OPSDECK_CHROMIUM':
    'Aucun navigateur Chrome, Edge ou Chromium n’a été trouvé pour créer le PDF ; installez-en un ou indiquez-le dans OPSDECK_CHROMIUM',
  'The screens are not built yet (npm run build:renderer)': 'Les écrans ne sont pas encore construits (npm run build:renderer)',
  'This document is too large to print in one file': 'Ce document est trop volumineux pour un seul fichier PDF',
  // Clients, quotes, orders, registrations (issue 18)
  'Client not found': 'Client introuvable',
  'Pick a company': 'Choisissez une entreprise',
  'Quote not found': 'Devis introuvable',
  'A numbering series is a letter, then up to two letters or digits':
    'Une série de numérotation est une lettre, puis jusqu’à deux lettres ou chiffres',
  'Order not found': 'Commande introuvable',
  'Registration not found': 'Inscription introuvable',
  'Service not found': 'Prestation introuvable',
  'Product not found': 'Produit introuvable',
  'Location not found': 'Emplacement introuvable',
  'A line is a service or a product': 'Une ligne est une prestation ou un produit, pas les deux',
  'The validity date is in the past': 'La date de validité est passée',
  'The validity date is before the quote': 'La date de validité précède le devis',
  'A quote without lines cannot be sent': 'Un devis sans ligne ne peut pas être envoyé',
  'Give the event its date before accepting': 'Donnez sa date à l’événement avant d’accepter',
  'Say why it was lost': 'Dites pourquoi il est perdu',
  'Pick two different clients': 'Choisissez deux clients différents',
  'An order needs at least one line': 'Une commande a au moins une ligne',
  'Not an e-mail address': 'Ce n’est pas une adresse e-mail',
  'Not a phone number': 'Ce n’est pas un numéro de téléphone',
  'Only a person belongs to a company': 'Seule une personne appartient à une entreprise',
  'The message is empty': 'Le message est vide',
  'Message: 20000 characters at most': 'Message : 20 000 caractères au plus',
  'Message not found': 'Message introuvable',
  'That event is another client’s': 'Cet événement est celui d’un autre client',
  'Lost reason: 500 characters at most': 'Raison de la perte : 500 caractères au plus',
  'Not a PNG, JPEG or PDF file': 'Ce fichier n’est pas une image PNG ou JPEG ni un PDF',
  'The file is larger than 15 MB': 'Le fichier dépasse 15 Mo',
  'This file could not be read as an image': 'Ce fichier n’a pas pu être lu comme une image',
  'This PDF could not be opened': 'Ce PDF n’a pas pu être ouvert',
  'No delivery lines could be read in this file (reference, designation, quantity)':
    'Aucune ligne de livraison lisible dans ce fichier (référence, désignation, quantité)',
  'Delivery note not found': 'Bon de livraison introuvable',
  'The file of this delivery note is not on this computer (it was read on another one)':
    'Le fichier de ce bon de livraison n’est pas sur cet ordinateur (il a été lu sur un autre)',
  'That purchase order is no longer open for this product': 'Cette commande fournisseur n’est plus ouverte pour ce produit',
  'Keep at least one line': 'Gardez au moins une ligne',
  // Who works which event (issue 18, item 6)
  'Profile not found': 'Profil introuvable',
  'Only installers and admins work on site': 'Seuls les installateurs et les administrateurs interviennent sur place',
  'This person is not on the event': 'Cette personne n’est pas affectée à l’événement',
  'This event is archived': 'Cet événement est archivé',
  // Catalog and stock rules (shared/model)
  'SKU is required': 'La référence est requise',
  'SKU: 64 characters at most': 'Référence : 64 caractères au plus',
  'Name is required': 'La désignation est requise',
  'Name: 200 characters at most': 'Désignation : 200 caractères au plus',
  'Unit is required': 'L’unité est requise',
  'Must be 0 or more': 'Doit être positif ou nul',
  'Lead time: whole days': 'Délai : en jours entiers',
  'Lead time: 365 days at most': 'Délai : 365 jours au plus',
  'MOQ must be more than 0': 'La quantité minimale doit être supérieure à 0',
  'Pack size must be more than 0': 'Le colisage doit être supérieur à 0',
  'Service level must be above 50 %': 'Le taux de service doit dépasser 50 %',
  'Service level must be below 100 %': 'Le taux de service doit être inférieur à 100 %',
  'Eco score: 0 to 100': 'Éco-score : de 0 à 100',
  'Title is required': 'Le titre est requis',
  'Duration must be more than 0': 'La durée doit être supérieure à 0',
  'Duration: whole minutes': 'Durée : en minutes entières',
  'Quantity must be more than 0': 'La quantité doit être supérieure à 0',
  'Say whether the adjustment adds or removes stock': 'Indiquez si l’ajustement ajoute ou retire du stock',
  'A transfer needs a destination': 'Un transfert a besoin d’une destination',
  'Only transfers have a destination': 'Seuls les transferts ont une destination',
  'Destination must differ from the source': 'La destination doit différer de la source',
  'No such product': 'Produit introuvable',
  'No such service': 'Service introuvable',
  'No such location': 'Emplacement introuvable',
  'No such purchase order': 'Commande introuvable',
  'No such alert': 'Alerte introuvable',
  'This alert is already resolved': 'Cette alerte est déjà résolue',
  'Quantity: 1,000,000 at most per movement': 'Quantité : 1 000 000 au plus par mouvement',
  'The main warehouse must be an active warehouse': 'L’entrepôt principal doit être un entrepôt actif',
  'Some lines need a confirmation': 'Certaines lignes demandent une confirmation',
  'A booth location names its booth': 'Un emplacement de borne doit indiquer sa borne',
  'Only a booth location names a booth': 'Seul un emplacement de borne indique une borne',
  'A location needs a name': 'L’emplacement doit avoir un nom',
  'Enter the business name': 'Saisissez le nom de l’entreprise',
  'Enter the business profile (Settings → Business and set-up) before printing a quote':
    'Renseignez le profil de l’entreprise (Réglages → Entreprise et mise en route) avant d’imprimer un devis',
  // Joining a team (hub sign-in)
  'Wrong email or password for this hub': 'E-mail ou mot de passe incorrect pour ce hub',
  'The hub URL must start with https:// (or http:// for a local hub)':
    'L’adresse du hub doit commencer par https:// (ou http:// pour un hub local)',
  'Plain http:// is only allowed for a hub on this computer; use https://':
    'http:// n’est permis que pour un hub sur cet ordinateur ; utilisez https://',
  'Enter the hub URL': 'Saisissez l’adresse du hub',
  'The anon key looks too short': 'La clé anon semble trop courte',
  'Enter a valid email address': 'Saisissez une adresse e-mail valide',
  'Enter the password': 'Saisissez le mot de passe',
  'Business name: 120 characters at most': 'Nom de l’entreprise : 120 caractères au plus',
  'Address: 500 characters at most': 'Adresse : 500 caractères au plus',
  'VAT number: two letters then 2 to 13 letters or digits (FR12345678901)':
    'N° de TVA : deux lettres puis 2 à 13 lettres ou chiffres (FR12345678901)',
  'The logo is too large (200 KB at most)': 'Le logo est trop lourd (200 Ko au plus)',
  'The logo must be a PNG, JPEG, WebP or SVG image': 'Le logo doit être une image PNG, JPEG, WebP ou SVG',
  'Only an optional step can be skipped': 'Seule une étape facultative peut être passée',
  'This movement was already recorded (same idempotency key)': 'Ce mouvement est déjà enregistré',
  'Refers to a record that does not exist': 'Fait référence à un enregistrement inexistant',
  // SQLite constraints, as the core names them (electron/core/constraints.ts)
  'A booth with this name already exists': 'Une borne porte déjà ce nom',
  'A booth with this MAC address already exists': 'Une borne a déjà cette adresse MAC',
  'A product with this SKU already exists': 'Un produit a déjà cette référence',
  'This Notion page is already linked to another product': 'Cette page Notion est déjà liée à un autre produit',
  'This Notion page is already linked to another service': 'Cette page Notion est déjà liée à une autre prestation',
  'This Notion page is already linked to another event': 'Cette page Notion est déjà liée à un autre événement',
  'A location with this name already exists': 'Un emplacement porte déjà ce nom',
  'A profile with this email already exists': 'Un profil a déjà cette adresse e-mail',
  'This alert is already open for this booth': 'Cette alerte est déjà ouverte pour cette borne',
  'This product already has a balance here': 'Ce produit a déjà un solde à cet emplacement',
  'This product already has a demand driver': 'Ce produit a déjà un mode de prévision',
  'This value already exists': 'Cette valeur existe déjà',
  'This value is not allowed': 'Cette valeur n’est pas permise',
  'A required value is missing': 'Une valeur requise manque',
  'This change breaks a data rule': 'Cette modification enfreint une règle des données',
  'Unexpected error in the core': 'Erreur inattendue dans le cœur',
  // Forecast drivers
  'Units per print / event must be more than 0': 'Les unités par tirage / événement doivent être supérieures à 0',
  'Units per print / event are required for an event driver': 'Indiquez les unités par tirage / événement pour ce mode',
  'A forecast run is already in progress': 'Un calcul de prévisions est déjà en cours',
  // Calendar
  'Booth not found': 'Borne introuvable',
  'Event not found': 'Événement introuvable',
  // Checklists, Today, paper, notifications, reports (issue 16)
  'Checklist template not found': 'Modèle de check-list introuvable',
  'Checklist item not found': 'Point de check-list introuvable',
  'Only an admin can complete an event with its checklist open':
    'Seul un administrateur peut terminer un événement dont la check-list est incomplète',
  'Label is required': 'L’intitulé est requis',
  'Label: 200 characters at most': 'Intitulé : 200 caractères au plus',
  'Add at least one item': 'Ajoutez au moins un point',
  'Not a JPEG or PNG photo': 'Ce n’est pas une photo JPEG ou PNG',
  'Photo too large (300 kB at most)': 'Photo trop lourde (300 ko au plus)',
  'Note: 1000 characters at most': 'Note : 1000 caractères au plus',
  'Choose the paper product in Settings first': 'Choisissez d’abord le produit papier dans les Réglages',
  'Rolls: a whole number': 'Rouleaux : un nombre entier',
  'No such notification channel': 'Canal de notification introuvable',
  'The public speed-test target is off here: set a test address in Settings':
    'La cible publique des tests de débit est coupée ici : indiquez une adresse de test dans les Réglages',
  'SMTP server is required': 'Le serveur SMTP est requis',
  'Sender: an e-mail address': 'Expéditeur : une adresse e-mail',
  'Recipients: e-mail addresses': 'Destinataires : des adresses e-mail',
  'At least one recipient': 'Au moins un destinataire',
  'Not a URL': 'Ce n’est pas une adresse web',
  'The URL must start with https:// (or http://)': 'L’adresse doit commencer par https:// (ou http://)',
  'Header name: letters, digits and dashes': 'Nom d’en-tête : lettres, chiffres et tirets',
  'Time as HH:MM': 'Heure au format HH:MM',
  'Rolls: 1 or more': 'Rouleaux : 1 ou plus',
  'Rolls per unit: a whole number': 'Rouleaux par unité : un nombre entier',
  'Place: 300 characters at most': 'Lieu : 300 caractères au plus',
  'Certificate: paste it in PEM form (-----BEGIN CERTIFICATE-----…)': 'Certificat : collez-le au format PEM (-----BEGIN CERTIFICATE-----…)',
  'No event that month': 'Aucun événement ce mois-là',
  'Rolls per unit: 1 or more': 'Rouleaux par unité : 1 ou plus',
  'The event must end after it starts': 'L’événement doit finir après son début',
  'Nothing to change': 'Rien à modifier',
  // CSV files
  'The file is empty': 'Le fichier est vide',
  'The file is too large (64 MB at most)': 'Fichier trop volumineux (64 Mo au plus)',
  'The file has no header line': 'Le fichier n’a pas de ligne d’en-tête',
  'The file has no data rows': 'Le fichier n’a aucune ligne de données',
  'Date is required': 'La date est requise',
  'Type is required (in, out, adjust, transfer)': 'Le type est requis (entrée, sortie, ajustement, transfert)',
  'Quantity is required': 'La quantité est requise',
  'Quantity is too large': 'Quantité trop grande',
  'Reason: 500 characters at most': 'Motif : 500 caractères au plus',
  'No location given and no warehouse exists': 'Aucun emplacement indiqué et aucun entrepôt n’existe',
  'Quoted field unterminated': 'Guillemets non refermés',
  'Trailing quote on quoted field is malformed': 'Guillemet mal placé dans un champ entre guillemets',
  // Notion
  'Enter the integration token': 'Saisissez le jeton de l’intégration',
  'The integration token looks too short': 'Le jeton de l’intégration semble trop court',
  'Notion refused this token': 'Notion a refusé ce jeton',
  'Notion refused the token: check it and that the pages are shared with the integration':
    'Notion a refusé le jeton : vérifiez-le, et que les pages sont partagées avec l’intégration',
  'Notion could not find it: is it shared with the integration?': 'Notion ne le trouve pas : est-il partagé avec l’intégration ?',
  'The Notion API address is not a URL': 'L’adresse de l’API Notion n’est pas une URL',
  'The Notion API address must use https (http only on this computer)':
    'L’adresse de l’API Notion doit être en https (http seulement sur cet ordinateur)',
  'Edit it in Notion: this field comes from Notion': 'À modifier dans Notion : ce champ vient de Notion',
  'Edit it in Notion: these fields come from Notion': 'À modifier dans Notion : ces champs viennent de Notion',
  'The mapping does not fit this data source': 'La correspondance ne convient pas à cette source de données',
  'Connect Notion first: enter the integration token in Settings → Notion':
    'Connectez d’abord Notion : saisissez le jeton dans Réglages → Notion',
  // The assistant (issue 15)
  'Choose the event to write about': 'Choisissez l’événement dont parler',
  'No such conversation': 'Conversation introuvable',
  'No such proposed action': 'Action proposée introuvable',
  'This action was already decided': 'Cette action a déjà été confirmée ou annulée',
  'Enter the Ollama address as host:port (e.g. 127.0.0.1:11434)':
    'Saisissez l’adresse d’Ollama sous la forme hôte:port (par ex. 127.0.0.1:11434)',
  'Ollama is not running': 'Ollama n’est pas lancé',
  'No such booth': 'Borne introuvable',
  'Name the product (SKU or name)': 'Nommez le produit (référence ou désignation)',
  'No advised quantity for this product: say how many': 'Aucune quantité conseillée pour ce produit : indiquez combien',
  'Say what to look for': 'Dites ce qu’il faut chercher',
  'Type a question': 'Tapez une question',
  'The assistant only talks to the configured Ollama': 'L’assistant ne parle qu’à l’Ollama configuré',
  'Movement type: in, out or adjust': 'Type de mouvement : entrée, sortie ou ajustement',
};

const FR_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^The (plain|“.+”) (quote|order) numbering series is already used by the device (.+) \((?:quote|order) (.+)\): pick another series in Settings$/,
    (m) => {
      const [kinds, one] = m[2] === 'quote' ? ['devis', 'devis'] : ['commandes', 'commande'];
      return `La série de numérotation des ${kinds} ${m[1] === 'plain' ? 'simple' : m[1]} est déjà utilisée par l’appareil ${m[3]} (${one} ${m[4]}) : choisissez une autre série dans les Réglages`;
    },
  ],
  [/^At most (\d+) events in one PDF: pick a client$/, (m) => `${m[1]} événements au plus dans un PDF : choisissez un client`],
  [/^The model (.+) is not installed$/, (m) => `Le modèle ${m[1]} n’est pas installé`],
  [/^The download of (.+?) failed: (.*)$/s, (m) => `Le téléchargement ${elide('de', m[1]!)} a échoué : ${m[2]}`],
  [
    /^(.+) is archived: restore it before using it as the paper product$/,
    (m) => `${m[1]} est archivé : restaurez-le avant d’en faire le produit papier`,
  ],
  [/^(\d+) required checklist item\(s\) still open$/, (m) => `${m[1]} point(s) obligatoire(s) de la check-list encore ouvert(s)`],
  [
    /^The file is encoded in (UTF-16 [LB]E): save it again as CSV UTF-8 \(or CSV Windows-1252\) and import that$/,
    (m) => `Le fichier est encodé en ${m[1]} : enregistrez-le de nouveau en CSV UTF-8 (ou CSV Windows-1252) puis importez-le`,
  ],
  [
    /^The file mixes two encodings: line (\d+) is UTF-8 and line (\d+) is Windows-1252; save the whole file again in one encoding \(CSV UTF-8\)$/,
    (m) =>
      `Le fichier mélange deux encodages : la ligne ${m[1]} est en UTF-8 et la ligne ${m[2]} en Windows-1252 ; enregistrez tout le fichier dans un seul encodage (CSV UTF-8)`,
  ],
  [
    /^The column "(.*)" appears twice \(columns (\d+) and (\d+)\): remove or rename one$/,
    (m) => `La colonne « ${m[1]} » apparaît deux fois (colonnes ${m[2]} et ${m[3]}) : supprimez ou renommez l’une d’elles`,
  ],
  [
    /^(\d+) bad row\(s\); nothing was imported\. Line (\d+): (.+)$/s,
    (m) => `${m[1]} ligne(s) en erreur ; rien n’a été importé. Ligne ${m[2]} : ${toFrench(m[3]!)}`,
  ],
  [
    /^(\d+) bad row\(s\) out of (\d+) row\(s\); nothing was imported\. Line (\d+): (.+)$/s,
    (m) => `${m[1]} ligne(s) en erreur sur ${m[2]} ; rien n’a été importé. Ligne ${m[3]} : ${toFrench(m[4]!)}`,
  ],
  [
    /^(\d+) bad row\(s\) out of (\d+) row\(s\); nothing was imported\. (\d+) unknown location\(s\): (.+)$/s,
    (m) =>
      `${m[1]} ligne(s) en erreur sur ${m[2]} ; rien n’a été importé. ${m[3]} emplacement(s) inconnu(s) : ${m[4]!.replace(/ row\(s\)\)/g, ' ligne(s))')}`,
  ],
  [
    /^"(.*)" is not a URL \(expected e\.g\. https:\/\/xyz\.supabase\.co\)$/,
    (m) => `« ${m[1]} » n’est pas une adresse (par exemple https://xyz.supabase.co)`,
  ],
  [/^The document could not be laid out: (.*)$/, (m) => `Le document n’a pas pu être mis en page : ${m[1]}`],
  [/^The hub did not answer the sign-in \((.*)\)$/, (m) => `Le hub n’a pas répondu à la connexion (${m[1]})`],
  [/^A location named (.+) already exists$/, (m) => `Un emplacement nommé ${m[1]} existe déjà`],
  [
    /^(.+) still holds stock \((\d+) product\(s\)\): move or count it out before archiving$/,
    (m) => `${m[1]} contient encore du stock (${m[2]} produit(s)) : transférez-le ou sortez-le avant d’archiver`,
  ],
  [
    /^(.+) is a booth's own stock: rename or remove the booth instead$/,
    (m) => `${m[1]} est le stock propre d’une borne : renommez ou retirez la borne`,
  ],
  [/^Unknown SKU (.+)$/, (m) => `Référence inconnue : ${m[1]}`],
  [
    /^This scanned PDF has (\d+) pages: drop the delivery note alone \((\d+) pages at most\)$/,
    (m) => `Ce PDF scanné compte ${m[1]} pages : déposez le bon de livraison seul (${m[2]} pages au plus)`,
  ],
  [/^"(.*)" is not a client type \(.*\)$/s, (m) => `« ${m[1]} » n’est pas un type de client (entreprise ou particulier)`],
  [/^"(.*)" is not a stage \(.*\)$/s, (m) => `« ${m[1]} » n’est pas une étape (prospect, contacté, devis envoyé, réservé, terminé, perdu)`],
  [
    /^line (\d+): (.+) has the (e-mail|phone number) (.+) of (?:line (\d+) \((.+)\)|(.+), already on file)$/s,
    (m) =>
      `ligne ${m[1]} : ${m[2]} a ${m[3] === 'e-mail' ? 'l’e-mail' : 'le numéro'} ${m[4]} ${m[5] ? `de la ligne ${m[5]} (${m[6]})` : `${elide('de', m[7]!)}, déjà enregistré`}`,
  ],
  [
    /^(\d+) warning\(s\) need a confirmation; nothing was imported\. First, (.+)$/s,
    (m) => `${m[1]} avertissement(s) à confirmer ; rien n’a été importé. D’abord, ${toFrench(m[2]!)}`,
  ],
  [
    /^Role "(.+)" may not (import|export) clients$/,
    (m) => `Le rôle « ${m[1]} » ne peut pas ${m[2] === 'import' ? 'importer' : 'exporter'} les clients`,
  ],
  [/^Unknown location (.+)$/, (m) => `Emplacement inconnu : ${m[1]}`],
  [/^Name is required for the new product (.+)$/, (m) => `Désignation requise pour le nouveau produit ${m[1]}`],
  [/^No column for required field\(s\): (.+)$/, (m) => `Aucune colonne pour le(s) champ(s) requis : ${m[1]}`],
  [/^SKU (.+) already appears on line (\d+)$/, (m) => `La référence ${m[1]} figure déjà ligne ${m[2]}`],
  [/^"(.*)" is not a whole number$/s, (m) => `« ${m[1]} » n’est pas un nombre entier`],
  [/^"(.*)" is not a number$/s, (m) => `« ${m[1]} » n’est pas un nombre`],
  [/^"(.*)" is not yes\/no \(oui\/non\)$/s, (m) => `« ${m[1]} » n’est pas oui/non`],
  [/^"(.*)" is not a date \(dd\/mm\/yyyy or yyyy-mm-dd\)$/s, (m) => `« ${m[1]} » n’est pas une date (jj/mm/aaaa ou aaaa-mm-jj)`],
  [/^"(.*)" is not a movement type \(.*\)$/s, (m) => `« ${m[1]} » n’est pas un type de mouvement (entrée, sortie, ajustement, transfert)`],
  [
    /^(.+) is archived: restore it before changing its demand driver$/,
    (m) => `${m[1]} est archivé : restaurez-le avant de changer son mode de prévision`,
  ],
  [/^Job id (.+) was already used$/, (m) => `L’identifiant de tâche ${m[1]} a déjà servi`],
  [/^SKU (.+) already exists$/, (m) => `La référence ${m[1]} existe déjà`],
  [/^(.+) is already booked for (.+) at that time$/, (m) => `${m[1]} est déjà réservée pour ${m[2]} sur ce créneau`],
  [/^(.+) already has this (e-mail|phone number)$/, (m) => `${m[1]} a déjà ${m[2] === 'e-mail' ? 'cet e-mail' : 'ce numéro de téléphone'}`],
  [
    /^Quote (\S+) is (draft|sent|accepted|refused|expired): it can no longer be changed$/,
    (m) => `Le devis ${m[1]} est ${QUOTE_FR[m[2]!]} : il ne peut plus être modifié`,
  ],
  [/^Quote (\S+) is accepted: its event is booked$/, (m) => `Le devis ${m[1]} est accepté : son événement est réservé`],
  [/^Quote (\S+) is already accepted$/, (m) => `Le devis ${m[1]} est déjà accepté`],
  [/^Quote (\S+) is (refused|expired)$/, (m) => `Le devis ${m[1]} est ${QUOTE_FR[m[2]!]}`],
  [/^Quote (\S+) expired$/, (m) => `Le devis ${m[1]} a expiré`],
  [/^Order (\S+) is (fulfilled|cancelled)$/, (m) => `La commande ${m[1]} est ${m[2] === 'fulfilled' ? 'expédiée' : 'annulée'}`],
  [
    /^Only (\d+) × (.+) at (.+) \(the order needs (\d+)\)$/,
    (m) => `Seulement ${m[1]} × ${m[2]} à ${m[3]} (la commande en demande ${m[4]})`,
  ],
  [/^The event is full \((\d+) of (\d+) seats taken\)$/, (m) => `L’événement est complet (${m[1]} places prises sur ${m[2]})`],
  [
    /^The database stayed busy for (\d+) s \(another task was writing\); nothing was imported\. Try the import again$/,
    (m) => `La base est restée occupée ${m[1]} s (une autre tâche écrivait) ; rien n’a été importé. Relancez l’import`,
  ],
  [/^Notion could not be reached at (.+)$/, (m) => `Notion est injoignable à ${m[1]}`],
  [/^Notion did not answer: (.+)$/s, (m) => `Notion n’a pas répondu : ${m[1]}`],
  [/^Notion is unavailable: (.+)$/s, (m) => `Notion est indisponible : ${m[1]}`],
  [/^Notion refused the request: (.+)$/s, (m) => `Notion a refusé la requête : ${m[1]}`],
];

const QUOTE_FR: Record<string, string> = { draft: 'brouillon', sent: 'envoyé', accepted: 'accepté', refused: 'refusé', expired: 'expiré' };

function toFrench(message: string): string {
  const exact = FR_EXACT[message];
  if (exact) return exact;
  for (const [re, fr] of FR_PATTERNS) {
    const m = re.exec(message);
    if (m) return fr(m);
  }
  return message;
}

/**
 * zod's own messages, for the rules that carry no message of their own ("Too small: expected
 * number to be >=0"): said plainly, in the screen's language, the bound in its number format.
 */
const ZOD_DEFAULT =
  /(Too small|Too big): expected (number|string) to (?:be|have) ([<>]=?)(-?[\d.e+]+)(?: characters)?|Invalid input: expected (int|number), received \w+/;
function zodDefault(message: string, language: 'fr' | 'en'): string {
  const m = ZOD_DEFAULT.exec(message);
  if (!m) return message;
  const fr = language === 'fr';
  let text: string;
  if (m[5]) text = m[5] === 'int' ? (fr ? 'Un nombre entier' : 'A whole number') : fr ? 'Un nombre' : 'A number';
  else {
    const bound = Number(m[4]);
    const n = new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB').format(bound);
    if (m[2] === 'string') {
      const many = bound >= 2;
      text = m[3]!.startsWith('<')
        ? fr
          ? `${n} caractère${many ? 's' : ''} au plus`
          : `${n} character${bound === 1 ? '' : 's'} at most`
        : fr
          ? `Au moins ${n} caractère${many ? 's' : ''}`
          : `At least ${n} character${bound === 1 ? '' : 's'}`;
    } else
      text = {
        '>=': fr ? `Doit être au moins ${n}` : `Must be at least ${n}`,
        '>': fr ? `Doit être supérieur à ${n}` : `Must be more than ${n}`,
        '<=': fr ? `Doit être au plus ${n}` : `Must be at most ${n}`,
        '<': fr ? `Doit être inférieur à ${n}` : `Must be less than ${n}`,
      }[m[3]!]!;
  }
  return message.slice(0, m.index) + text + message.slice(m.index + m[0].length);
}

/** The French of a message the core is known to send, or null. */
function knownFrench(message: string): string | null {
  const fr = toFrench(message);
  return fr === message ? null : fr;
}

const FIELD_PREFIX = /^[\w.]+: (.+)$/s;

function localizeOne(message: string, lang: 'fr' | 'en'): string {
  // A refused input ("anonKey: The anon key looks too short"): a known message names its field
  // itself, so the field's code goes and the message is translated.
  const field = FIELD_PREFIX.exec(message);
  if (field) {
    const fr = knownFrench(field[1]!);
    if (fr !== null) return lang === 'fr' ? fr : field[1]!;
  }
  const plain = zodDefault(message, lang);
  return lang === 'fr' ? toFrench(plain) : plain;
}

/** A core message in the current language (the core's English when there is no translation). */
export function localizeCoreMessage(message: string, language: string = i18n.language): string {
  const lang = language === 'fr' ? 'fr' : 'en';
  // Several refused fields come joined by "; ", each "field: message".
  const parts = message.split('; ');
  if (parts.length > 1 && parts.every((p) => FIELD_PREFIX.test(p)))
    return parts.map((p) => localizeOne(p, lang)).join(lang === 'fr' ? ' ; ' : '; ');
  return localizeOne(message, lang);
}
