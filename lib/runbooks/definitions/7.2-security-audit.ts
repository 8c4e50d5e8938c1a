import { defineRunbook, manual, section } from "./common";

export const securityAudit = defineRunbook({
  id: "7.2-security-audit",
  number: "7.2",
  section: section(7),
  title: "Security Audit",
  purpose: "Regular security check.",
  steps: [
    manual("images", "Check for vulnerabilities in images", "for image in $(kubectl get pods -n phoenix-system -o jsonpath='{.items[*].spec.containers[*].image}' | tr ' ' '\\n' | sort -u); do\n  trivy image $image\ndone", "Scan each running image with trivy."),
    manual("rbac", "Check RBAC permissions", "kubectl auth can-i --list --as=system:serviceaccount:phoenix-system:default", "The default service account should hold only the basic discovery rules."),
    manual("netpol", "Review network policies", "kubectl get networkpolicies -n phoenix-system", "Check every service has an ingress policy."),
    manual("exposed", "Check for exposed services", 'kubectl get services -A -o wide | grep -E "LoadBalancer|NodePort"', "Only the ingress controller should be exposed."),
    manual("secret-access", "Audit secret access", "kubectl logs -n kube-system -l component=kube-apiserver | grep -i secret | tail -50", "Look for unexpected reads of secrets."),
    manual("pod-security", "Check pod security", "kubectl get pods -n phoenix-system -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.securityContext}{\"\\n\"}{end}'", "PodSecurityPolicy is gone from Kubernetes (1.25); check each pod's securityContext instead."),
  ],
});
