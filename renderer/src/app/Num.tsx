import { formatNumberFit } from '../i18n/format';
import { unitFor } from '../i18n/units';

/**
 * A number that never truncates: short ones as they are, long ones abbreviated ("−1 Md") with the
 * full value in a tooltip and for screen readers.
 */
export function Num({ value, unit, maxChars = 10 }: { value: number; unit?: string; maxChars?: number }) {
  const { text, full } = formatNumberFit(value, maxChars);
  const suffix = unit ? ` ${unitFor(unit, value)}` : '';
  if (text === full)
    return (
      <span className="num-value">
        {text}
        {suffix}
      </span>
    );
  return (
    <abbr className="num-value" title={`${full}${suffix}`} aria-label={`${full}${suffix}`} data-full={full}>
      {text}
      {suffix}
    </abbr>
  );
}
