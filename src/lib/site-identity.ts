/** The site's name, tagline and description (header, footer, page titles, feeds, sharing). */
export const SITE_NAME = 'Entrepreneurs d’intérêt général';
export const SITE_TAGLINE = 'Des talents du numérique au service de l’action publique';
export const SITE_DESCRIPTION = 'Le programme Entrepreneurs d’intérêt général fait entrer des talents du numérique dans les administrations pour relever, en 10 mois, des défis d’intérêt général.';
