import { describe, expect, it } from 'vitest';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

describe('paperwork messages in French (issue 18)', () => {
  it('translates the quote, order, registration and delivery-note refusals with their values', () => {
    expect(localizeCoreMessage('Mariage Durand already has this phone number', 'fr')).toBe('Mariage Durand a déjà ce numéro de téléphone');
    expect(localizeCoreMessage('Quote DEV-2026-0042 is refused: it can no longer be changed', 'fr')).toBe(
      'Le devis DEV-2026-0042 est refusé : il ne peut plus être modifié',
    );
    expect(localizeCoreMessage('Quote DEV-2026-0042 expired', 'fr')).toBe('Le devis DEV-2026-0042 a expiré');
    expect(localizeCoreMessage('Only 2 × Cadre photo at Entrepôt Lyon (the order needs 3)', 'fr')).toBe(
      'Seulement 2 × Cadre photo à Entrepôt Lyon (la commande en demande 3)',
    );
    expect(localizeCoreMessage('The event is full (3 of 3 seats taken)', 'fr')).toBe('L’événement est complet (3 places prises sur 3)');
    expect(localizeCoreMessage('Not a PNG, JPEG or PDF file', 'fr')).toBe('Ce fichier n’est pas une image PNG ou JPEG ni un PDF');
    expect(localizeCoreMessage('Give the event its date before accepting', 'fr')).toBe('Donnez sa date à l’événement avant d’accepter');
  });

  it('translates the numbering series clash for quotes and for customer orders', () => {
    expect(
      localizeCoreMessage(
        'The plain quote numbering series is already used by the device Bureau (quote DEV-2026-0001): pick another series in Settings',
        'fr',
      ),
    ).toBe(
      'La série de numérotation des devis simple est déjà utilisée par l’appareil Bureau (devis DEV-2026-0001) : choisissez une autre série dans les Réglages',
    );
    expect(
      localizeCoreMessage(
        'The “B” order numbering series is already used by the device Portable (order CMD-2026-B-0003): pick another series in Settings',
        'fr',
      ),
    ).toBe(
      'La série de numérotation des commandes “B” est déjà utilisée par l’appareil Portable (commande CMD-2026-B-0003) : choisissez une autre série dans les Réglages',
    );
  });

  it('translates the clients CSV refusals: bad type or stage, duplicates on file or on a line', () => {
    expect(localizeCoreMessage('"fournisseur" is not a client type (entreprise/company, particulier/person)', 'fr')).toBe(
      '« fournisseur » n’est pas un type de client (entreprise ou particulier)',
    );
    expect(localizeCoreMessage('"gagné?" is not a stage (prospect/lead, …)', 'fr')).toBe(
      '« gagné? » n’est pas une étape (prospect, contacté, devis envoyé, réservé, terminé, perdu)',
    );
    expect(
      localizeCoreMessage(
        '1 warning(s) need a confirmation; nothing was imported. First, line 4: M. Durand has the phone number 06.12.34.56.78 of Mariage Durand, already on file',
        'fr',
      ),
    ).toBe(
      '1 avertissement(s) à confirmer ; rien n’a été importé. D’abord, ligne 4 : M. Durand a le numéro 06.12.34.56.78 de Mariage Durand, déjà enregistré',
    );
    expect(localizeCoreMessage('line 5: Bis has the e-mail a@b.fr of line 2 (Anna)', 'fr')).toBe(
      'ligne 5 : Bis a l’e-mail a@b.fr de la ligne 2 (Anna)',
    );
    expect(localizeCoreMessage('Role "installer" may not export clients', 'fr')).toBe(
      'Le rôle « installer » ne peut pas exporter les clients',
    );
  });
});
