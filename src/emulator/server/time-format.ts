/** The plugin's timestamps: local time, `yyyy-MM-ddTHH:mm:ss`, no milliseconds, no zone (Qt::ISODate). */
export function localIsoSeconds(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
