import type { Context } from 'aws-lambda';

/** A Lambda context as the Node.js runtime passes it (fields per the Lambda Developer Guide, "Lambda context object in Node.js"). */
export function lambdaContext(functionName = 'evidence-vault-drill'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:730461928517:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/10/01/[$LATEST]f8a1c2d3e4b5a6978869a0b1c2d3e4f5',
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
