import { defineRunbook, manual, section } from "./common";

export const certificateRenewal = defineRunbook({
  id: "8.2-certificate-renewal",
  number: "8.2",
  section: section(8),
  title: "Certificate Renewal",
  purpose: "Renew TLS certificates.",
  steps: [
    manual("expiry", "Check certificate expiry", "echo | openssl s_client -servername api.phoenix.io -connect api.phoenix.io:443 2>/dev/null | openssl x509 -noout -dates", "Note notAfter."),
    manual("generate", "Generate new certificate", 'certbot certonly --dns-cloudflare --dns-cloudflare-credentials /etc/letsencrypt/cloudflare.ini -d api.phoenix.io -d "*.phoenix.io"', "Run certbot where the DNS credentials are."),
    manual("secret", "Update Kubernetes secret", "kubectl create secret tls phoenix-tls --cert=… --key=… --dry-run=client -o yaml | kubectl apply -f -", "Apply the new certificate to phoenix-tls."),
    {
      id: "restart-ingress",
      kind: "action",
      title: "Restart ingress controller",
      command: "kubectl rollout restart deployment/ingress-nginx-controller -n ingress-nginx",
      action: "cluster.rollout-restart",
      input: { namespace: "ingress-nginx", kind: "Deployment", name: "ingress-nginx-controller" },
    },
    manual("verify", "Verify new certificate", "echo | openssl s_client -servername api.phoenix.io -connect api.phoenix.io:443 2>/dev/null | openssl x509 -noout -dates", "Check notAfter moved."),
  ],
});
