// The sandbox serves HTTPS with its own CA, as clusters do (client-node 1.x refuses plain
// http without skipTLSVerify). Made once per data directory with the openssl CLI.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type Pki = { ca: string; cert: string; key: string };

export function ensurePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => path.join(dir, name);
  if (!existsSync(f("server.crt"))) {
    const ssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
    ssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
      "-subj", "/CN=phoenix-sandbox-ca", "-keyout", f("ca.key"), "-out", f("ca.crt"),
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    ssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=kube-apiserver",
      "-keyout", f("server.key"), "-out", f("server.csr"));
    writeFileSync(f("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n");
    ssl("x509", "-req", "-in", f("server.csr"), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial", "-days", "3650",
      "-extfile", f("server.ext"), "-out", f("server.crt"));
  }
  return { ca: readFileSync(f("ca.crt"), "utf8"), cert: readFileSync(f("server.crt"), "utf8"), key: readFileSync(f("server.key"), "utf8") };
}

/**
 * A CA file for NODE_EXTRA_CA_CERTS that trusts the sandbox and keeps whatever extra CAs the
 * environment already trusted (the variable holds one file).
 */
export function trustBundle(pkiDir: string): string {
  const bundle = path.join(pkiDir, "trust-bundle.crt");
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  const extra = existing && existsSync(existing) && path.resolve(existing) !== path.resolve(bundle) ? readFileSync(existing, "utf8") : "";
  writeFileSync(bundle, `${extra}\n${readFileSync(path.join(pkiDir, "ca.crt"), "utf8")}`);
  return path.resolve(bundle);
}
