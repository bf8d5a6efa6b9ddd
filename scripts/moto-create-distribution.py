"""Creates a minimal distribution in a moto server and prints its ID (used by scripts/demo)."""

import sys
import time

import boto3

client = boto3.client(
    "cloudfront",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
config = {
    "CallerReference": f"demo-{time.time()}",
    "Comment": "cloudfront-invalidate demo",
    "Enabled": True,
    "Origins": {
        "Quantity": 1,
        "Items": [
            {
                "Id": "site",
                "DomainName": "example-bucket.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            }
        ],
    },
    "DefaultCacheBehavior": {
        "TargetOriginId": "site",
        "ViewerProtocolPolicy": "redirect-to-https",
        "MinTTL": 0,
        "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
    },
}
print(client.create_distribution(DistributionConfig=config)["Distribution"]["Id"])
