import { renderCarousel } from './recommendations.js';

const userId = document.cookie.match(/(?:^|; )acme_uid=([^;]+)/)?.[1] ?? 'anonymous';
renderCarousel(document.getElementById('picked-for-you'), userId);
