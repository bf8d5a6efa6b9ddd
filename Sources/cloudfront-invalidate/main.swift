import CloudFrontInvalidateCLI

await CloudFrontInvalidate.main()
