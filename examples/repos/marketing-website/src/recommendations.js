// Calls recommendations-api (owned by search-ml) through the edge proxy.
export async function fetchRecommendations(userId, recentItemIds = [], k = 8) {
  const response = await fetch('/api/recs/recommendations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user_id: userId, k, recent_item_ids: recentItemIds }),
  });
  if (!response.ok) return [];
  const body = await response.json();
  return body.items ?? [];
}

export async function renderCarousel(container, userId) {
  const recent = JSON.parse(localStorage.getItem('recently_viewed') ?? '[]');
  const items = await fetchRecommendations(userId, recent);
  if (items.length === 0) {
    container.hidden = true;
    return;
  }
  container.innerHTML = items
    .map(item => `<a class="card" href="/p/${encodeURIComponent(item.item_id)}">${item.item_id}</a>`)
    .join('');
}
