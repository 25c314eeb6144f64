// Certificates live on the device; ids are not known at build time.
export const prerender = false;
