"""Small local endpoints standing in for credential services (127.0.0.1 only): GitHub's ID token service, a container
credentials endpoint, IMDSv2, and a tap in front of moto's STS that registers the keys STS hands out."""
