import AWSPipeline

/// An error answer from CloudFront: the pipeline's `AWSServiceError`, read once for every service.
public typealias CloudFrontServiceError = AWSServiceError
