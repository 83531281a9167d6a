// Security headers for every answer. Pages need no script at all; styles come from
// /style.css and images from our own origin or https.
import { secureHeaders } from "hono/secure-headers";

export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "https:", "data:"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    // Feeds and images may be read from other origins (web feed readers).
    crossOriginResourcePolicy: "cross-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}
