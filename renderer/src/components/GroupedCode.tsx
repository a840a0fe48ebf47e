/** A code shown in its groups, large and monospaced; its text (with dashes) is what a copy gets. */
export function GroupedCode({ code, size = 'normal', testId, perRow }: { code: string; size?: 'normal' | 'large'; testId?: string; perRow?: number }) {
  const groups = code.split('-');
  return (
    <code className={`grouped grouped-${size}`} data-testid={testId} style={perRow ? { gridTemplateColumns: `repeat(${perRow}, auto)` } : undefined}>
      {groups.map((g, i) => (
        <span key={i} className="group">
          {g}
          {i < groups.length - 1 && <span className="sep">-</span>}
        </span>
      ))}
    </code>
  );
}
