# Writes tiny-cnn.pt, the TorchScript test fixture (6 KB): a 3x3 convolution, ReLU, spatial mean and a linear layer,
# 3 input channels, 5 outputs, seeded. Made with Debian's python3-torch 1.13.1 (`apt-get install python3-torch`):
#   /usr/bin/python3 make-tiny-cnn.py
# For an input of 0.5 everywhere, shape (2, 3, 16, 16), the first row of the output is printed; the tests expect it.
import torch

torch.manual_seed(7)


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.fc = torch.nn.Linear(8, 5)

    def forward(self, x):
        y = torch.relu(self.conv(x))
        y = y.mean(dim=(2, 3))
        return self.fc(y)


scripted = torch.jit.script(Tiny().eval())
scripted.save("tiny-cnn.pt")
print(scripted(torch.ones(2, 3, 16, 16) * 0.5)[0].tolist())
# [0.14993450045585632, 0.20818482339382172, -0.0975959300994873, -0.09786587953567505, -0.33024340867996216]
