// Adds aws-sdk-client-mock's matchers (toHaveReceivedCommandWith, …) to every test file.
import 'aws-sdk-client-mock-jest';
