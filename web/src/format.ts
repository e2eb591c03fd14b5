const date = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** A calendar day (YYYY-MM-DD) as 31.12.2026; read as noon UTC so no time zone moves it. */
export const formatDay = (day: string) => date.format(new Date(`${day.slice(0, 10)}T12:00:00Z`));
export const formatDateTime = (at: string) => dateTime.format(new Date(at));
export const formatCents = (cents: number) => euro.format(cents / 100);
