import { boolean, file, image, list, markdown, object, relation, string, text } from '../fields.ts';
import { pageMeta } from '../common.ts';
import { defineFile } from '../types.ts';

const applyButton = object('apply', 'Bouton postuler', 'Bouton principal pour candidater.', [
  string('title', 'Texte du bouton', 'Texte du bouton.', { required: false }),
  string('url', 'Adresse du formulaire', 'Adresse du formulaire de candidature.', { required: false }),
]);
const callButton = object('call', 'Bouton appel', 'Bouton vers le document de l’appel (PDF).', [
  string('title', 'Texte du bouton', 'Texte du bouton.', { required: false }),
  file('url', 'Document (PDF)', 'Document de l’appel à télécharger.', { required: false }),
]);
const titled = <const N extends string>(name: N, label: string, doc: string) =>
  object(name, label, doc, [
    string('title', 'Titre', 'Titre de la section.'),
    markdown('desc', 'Description', 'Texte de la section.'),
  ]);
const datedSteps = object('steps', 'Étapes', 'Calendrier, une date par étape.', [
  string('title', 'Titre', 'Titre du calendrier.'),
  list('dates', 'Dates', 'Les étapes, dans l’ordre.', [
    string('date', 'Date', 'Date ou période de l’étape.'),
    markdown('desc', 'Description', 'Ce qui se passe à cette étape.'),
  ]),
]);
const faqFields = [
  string('title', 'Titre', 'Titre de la page.'),
  list('questions', 'Questions', 'Une entrée par question ; chacune devient un accordéon.', [
    string('title', 'Question', 'La question, telle qu’elle s’affiche sur le bouton de l’accordéon.'),
    markdown('desc', 'Réponse', 'La réponse, affichée quand on ouvre l’accordéon.'),
  ]),
  markdown('contact', 'Contact', 'Comment poser une autre question.'),
  ...pageMeta,
];

/** The "Participer" landing page (`/participer/`). */
export const participate = defineFile({
  name: 'participate', label: 'Participer', file: 'participer/_index.md', url: '/participer/',
  fields: [text('title', 'Titre', 'Titre de la page.'), ...pageMeta],
});

/** Candidates' page (`/participer/candidats/`). */
export const candidates = defineFile({
  name: 'candidates', label: 'Candidats', file: 'participer/candidats/_index.md', url: '/participer/candidats/',
  fields: [
    boolean('open', 'Candidatures ouvertes', 'Cochez quand l’appel à candidatures est ouvert : le bouton postuler remplace alors le bloc « prochaine promotion ».'),
    string('title', 'Titre', 'Titre de la page.'),
    object('head', 'Haut de page', 'Questions d’accroche et boutons.', [
      list('questions', 'Questions', 'Questions d’accroche en haut de page.', [
        string('question', 'Question', 'Une question.'),
      ]),
      string('sub', 'Sous-titre', 'Phrase sous les questions.'),
      applyButton,
      callButton,
    ]),
    object('def', 'Définition', 'Ce qu’est un EIG.', [
      string('title', 'Titre', 'Titre de la section.'),
      object('info', 'Encadré d’information', 'Encadré d’information.', [
        string('title', 'Titre', 'Titre de l’encadré.'),
        markdown('desc', 'Description', 'Texte de l’encadré.'),
      ]),
    ]),
    object('what', 'C’est quoi ?', 'Définitions en liste.', [
      string('title', 'Titre', 'Titre de la section.'),
      list('defs', 'Définitions', 'Une entrée par définition.', [
        string('def', 'Définition', 'Une définition.'),
      ]),
    ]),
    object('profiles', 'Profils', 'Profils recherchés et talents en exemple.', [
      string('title', 'Titre', 'Titre de la section.'),
      markdown('desc', 'Description', 'Texte de la section.'),
      string('sub', 'Sous-titre', 'Titre des talents en exemple.'),
      relation('list', 'Talents', 'Jusqu’à trois talents en exemple.', 'personnes', { max: 3 }),
    ]),
    titled('conditions', 'Conditions', 'Conditions pour candidater.'),
    titled('how', 'Devenir EIG', 'Comment devenir EIG.'),
    object('wait', 'Prochaine promotion', 'Bloc montré quand les candidatures sont fermées.', [
      text('title', 'Titre', 'Titre du bloc.', { required: false }),
      markdown('desc', 'Description', 'Texte du bloc.', { required: false }),
    ]),
    ...pageMeta,
  ],
});

/** How to apply (`/participer/candidats/postuler/`). */
export const postuler = defineFile({
  name: 'postuler', label: 'Postuler', file: 'participer/candidats/postuler.md', url: '/participer/candidats/postuler/',
  fields: [
    string('title', 'Titre', 'Titre de la page.'),
    titled('callout', 'Encadré', 'Encadré mis en avant en haut de page.'),
    titled('how', 'Postuler', 'Comment postuler.'),
    datedSteps,
    markdown('questions', 'Questions', 'Questions fréquentes sur la candidature.'),
    object('join', 'Rejoindre', 'Bloc « rejoindre » en bas de page.', [
      image('image', 'Image', 'Photo du bloc.'),
      string('title', 'Titre', 'Titre du bloc.'),
      text('desc', 'Description', 'Texte du bloc.'),
      string('link', 'Adresse du bouton', 'Adresse du bouton du bloc.'),
    ]),
    ...pageMeta,
  ],
});

/** Candidates' FAQ (`/participer/candidats/faq/`). */
export const candidatesFaq = defineFile({
  name: 'candidats-faq', label: 'FAQ – Candidats', file: 'participer/candidats/faq.md', url: '/participer/candidats/faq/',
  fields: faqFields,
});

/** Administrations' page (`/participer/administrations/`). */
export const administrations = defineFile({
  name: 'admins', label: 'Administrations', file: 'participer/administrations/_index.md', url: '/participer/administrations/',
  fields: [
    boolean('open', 'Candidatures ouvertes', 'Cochez quand l’appel à projets est ouvert.'),
    string('title', 'Titre', 'Titre de la page dans l’onglet du navigateur.', { required: false, hidden: true }),
    object('head', 'Haut de page', 'Titre, texte et boutons du haut de page.', [
      string('title', 'Titre', 'Titre de la page.'),
      markdown('desc', 'Description', 'Texte d’introduction.'),
      applyButton,
      callButton,
    ]),
    markdown('program', 'Programme', 'Ce que le programme apporte aux administrations.'),
    object('criteria', 'Critères', 'Critères de sélection des défis.', [
      string('title', 'Titre', 'Titre de la section.'),
      markdown('desc', 'Description', 'Texte d’introduction des critères.'),
      list('list', 'Liste', 'Un critère par entrée.', [
        string('num', 'Numéro', 'Numéro du critère.'),
        string('name', 'Nom', 'Nom du critère.'),
        text('desc', 'Description', 'Explication du critère.'),
      ], { summary: '{{fields.num}}. {{fields.name}}' }),
    ]),
    markdown('steps', 'Étapes', 'Étapes de l’appel à projets.'),
    object('wait', 'Prochaine promotion', 'Bloc montré quand l’appel est fermé.', [
      text('title', 'Titre', 'Titre du bloc.'),
      markdown('desc', 'Description', 'Texte du bloc.'),
    ]),
    ...pageMeta,
  ],
});

/** How to propose a défi (`/participer/administrations/proposer/`). */
export const proposer = defineFile({
  name: 'proposer', label: 'Proposer', file: 'participer/administrations/proposer.md', url: '/participer/administrations/proposer/',
  fields: [
    string('title', 'Titre', 'Titre de la page.'),
    titled('callout', 'Encadré', 'Encadré mis en avant en haut de page.'),
    titled('how', 'Proposer', 'Comment proposer un défi.'),
    datedSteps,
    markdown('questions', 'Questions', 'Questions fréquentes sur l’appel à projets.'),
    markdown('com', 'Communication', 'Kit de communication et contacts.'),
    ...pageMeta,
  ],
});

/** Administrations' FAQ (`/participer/administrations/faq/`). */
export const administrationsFaq = defineFile({
  name: 'admins-faq', label: 'FAQ – Administrations', file: 'participer/administrations/faq.md', url: '/participer/administrations/faq/',
  fields: faqFields,
});
