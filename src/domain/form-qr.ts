/**
 * The QR code of the intake Form's link, as SVG, for 设置说明 to print at
 * events (uqr: a port of Nayuki's QR Code generator, no dependencies, no
 * Node or DOM API, so it runs inside the Apps Script bundle). Medium error
 * correction survives a creased or smudged print; four modules of quiet zone
 * around it are what the standard asks for a reliable scan.
 */
import { renderSVG, type QrCodeGenerateResult } from 'uqr';

export interface FormQr {
  /** An <svg> element with a viewBox only: sized by the page that shows it. */
  svg: string;
  /** The QR version uqr chose (1–40): the smallest that holds the link. */
  version: number;
  /** Modules across, quiet zone included: 4 × version + 17 + 2 × QUIET_ZONE. */
  modules: number;
}

export const QUIET_ZONE = 4;

/** The link's QR code. The link is only encoded, never written into the SVG as text. */
export function formQr(link: string): FormQr {
  let encoded: QrCodeGenerateResult | undefined;
  const svg = renderSVG(link, { ecc: 'M', border: QUIET_ZONE, pixelSize: 1, onEncoded: (r) => (encoded = r) })
    // Module edges exact in print, with no hairlines between squares.
    .replace('<svg ', '<svg shape-rendering="crispEdges" role="img" ');
  return { svg, version: encoded!.version, modules: encoded!.size };
}
