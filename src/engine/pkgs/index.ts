/**
 * Package managers inside containers: apk (Alpine) and apt-get/apt (Debian, Ubuntu), the
 * package indexes they read, and the installed binaries their programs run from.
 */
export { apk } from "./apk";
export { aptProgram } from "./apt";
export { programOfBinary } from "./binary";
